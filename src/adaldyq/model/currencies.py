"""Currencies as declared (codes, names, symbols) normalised to ISO 4217 codes.

Declarations write currencies in many ways: `USD`, `usd`, `долар США`, `$`, `грн`. Only a code
on ISO 4217's list, or a name listed here, is accepted; anything else is a `ValueError` naming
the value, so an amount is never summed in a currency guessed wrong. Codes withdrawn since 2000
that old declarations may still hold (e.g. the Belarusian `BYR`) are accepted too.
"""

from __future__ import annotations

import re

from iso4217 import Currency

ISO_CODES = frozenset(c.code for c in Currency)
WITHDRAWN_CODES = frozenset({"BYR", "LTL", "LVL", "EEK", "SKK", "VEF", "MRO", "STD", "ZMK"})

NAMES = {
    "UAH": ("грн", "грн.", "гривня", "гривні", "гривень", "гривна", "₴", "hryvnia"),
    "USD": ("долар сша", "долар", "долари сша", "доллар сша", "доллар", "$", "us dollar"),
    "EUR": ("євро", "евро", "€", "euro"),
    "RUB": ("російський рубль", "рубль", "рублі", "рублей", "₽"),
    "KZT": ("тенге", "теңге", "₸"),
    "GBP": ("фунт стерлінгів", "фунт", "£", "pound sterling"),
    "CHF": ("швейцарський франк", "швейцарский франк", "swiss franc"),
    "PLN": ("злотий", "злотый", "zł"),
}
_BY_NAME = {name: code for code, names in NAMES.items() for name in names}


def normalise_currency(value: str) -> str:
    """The ISO 4217 code of a declared currency; ValueError for one not known."""
    text = re.sub(r"\s+", " ", value.strip())
    code = text.upper()
    if code in ISO_CODES or code in WITHDRAWN_CODES:
        return code
    try:
        return _BY_NAME[text.lower()]
    except KeyError:
        raise ValueError(f"unknown currency {value!r} (expected an ISO 4217 code)") from None
