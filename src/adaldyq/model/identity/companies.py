"""Organisation names reduced to a comparison key, with the legal form recorded apart.

One supplier appears as «ТОО "Ромашка"», "Товарищество с ограниченной ответственностью
«Ромашка»", "«Ромашка» ЖШС" and "Romashka LLP". The legal form is real information (an LLP and a
JSC of one name are different bodies) but it is written in three languages, abbreviated or not,
before or after the name; quotes come in every typographic kind. `parse_company_name` strips the
form (recording it as one code: ТОО, ЖШС and LLP are all ``LLP``), the quotes, case and punctuation,
and gives a Cyrillic key and a script-free key (`latin_key`).

When the name is quoted, the quotes decide: what is inside is the name, what is outside may only be
legal forms (and descriptions such as "ұлттық компаниясы", dropped). Unquoted, one form is taken
from each end.

Limits: a form inside the quotes or in the middle of the name stays part of the name; descriptions
inside the quotes ("Национальная компания «...»" written inside them) stay too; the list of forms is
what Kazakh procurement and registers use plus the Russian and English forms foreign suppliers
bring; a name that is only a legal form ("ТОО") keeps an empty key, which matches nothing.
"""

# ruff: noqa: RUF001, RUF002, RUF003  (Cyrillic abbreviations are the subject)

from __future__ import annotations

import re
from dataclasses import dataclass

from adaldyq.model.identity.scripts import cyrillic_key, latin_key

# code -> spellings (full forms in Russian, Kazakh, English; abbreviations). Matched on
# cyrillic_key forms: Kazakh letters already folded (ЖШС stays, АҚ -> АК), lower case.
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "LLP": (
        "товарищество с ограниченной ответственностью",
        "жауапкершілігі шектеулі серіктестігі",
        "жауапкершілігі шектеулі серіктестік",
        "limited liability partnership",
        "тоо", "жшс", "llp", "too", "jshs",  # JShS: ЖШС in the Kazakh Latin alphabet
    ),
    "LLC": ("общество с ограниченной ответственностью", "limited liability company", "ооо", "llc"),
    "JSC": (
        "некоммерческое акционерное общество",
        "публичное акционерное общество",
        "открытое акционерное общество",
        "закрытое акционерное общество",
        "акционерное общество",
        "акционерлік қоғам",
        "коммерциялық емес акционерлік қоғам",
        "joint stock company", "joint-stock company",
        "нао", "пао", "оао", "зао", "ао", "ақ", "aq", "кеақ", "jsc", "ojsc", "pjsc", "cjsc",
    ),
    "IE": (
        "индивидуальный предприниматель",
        "жеке кәсіпкер",
        "individual entrepreneur",
        "ип", "жк", "ie",
    ),
    "FARM": (
        "крестьянское фермерское хозяйство",
        "крестьянское хозяйство",
        "фермерское хозяйство",
        "шаруа қожалығы",
        "кх", "кфх", "фх", "шқ",
    ),
    "STATE_ENTERPRISE": (
        "республиканское государственное казенное предприятие",
        "республиканское государственное предприятие",
        "государственное коммунальное казенное предприятие",
        "государственное коммунальное предприятие",
        "коммунальное государственное казенное предприятие",
        "коммунальное государственное предприятие",
        "республикалық мемлекеттік кәсіпорын",
        "мемлекеттік коммуналдық қазыналық кәсіпорын",
        "мемлекеттік коммуналдық кәсіпорын",
        "на праве хозяйственного ведения", "шаруашылық жүргізу құқығындағы",
        "на пхв", "шжқ", "ргп", "ргкп", "гкп", "гккп", "кгп", "кгкп", "рмк", "мкқк", "мкк",
    ),
    "STATE_INSTITUTION": (
        "коммунальное государственное учреждение",
        "государственное учреждение",
        "мемлекеттік мекемесі", "мемлекеттік мекеме",
        "кгу", "гу", "мм", "кмм",
    ),
    "PUBLIC_ASSOCIATION": (
        "общественное объединение", "общественный фонд", "қоғамдық бірлестік", "қоғамдық қор",
        "оо", "оф", "ққ", "қб",
    ),
    "LTD": ("limited", "ltd", "plc", "inc", "gmbh", "corp", "corporation", "co ltd"),
}  # fmt: skip
# Kazakh abbreviations follow the name ("«Қазақтелеком» АҚ"); at the start they are words
# ("Ақ жол" is "white road"), so they are removed only from the end.
_END_ONLY = {
    cyrillic_key(a) for a in ("ақ", "aq", "кеақ", "жшс", "jshs", "жк", "шқ", "мм", "кмм", "мкк")
}
_SPELLINGS = sorted(
    ((cyrillic_key(s), code) for code, spellings in LEGAL_FORMS.items() for s in spellings),
    key=lambda pair: -len(pair[0]),
)
_OPENING = '«“„‟"‹'
_CLOSING = '»”“"›'


@dataclass(frozen=True)
class CompanyName:
    """A name as written, the legal forms found in it, and its comparison keys."""

    name: str
    legal_forms: tuple[str, ...]
    key: str  # Cyrillic, Kazakh letters folded, no form, quotes or punctuation
    latin: str  # script-free: "Ромашка" and "Romashka" meet

    @property
    def legal_form(self) -> str | None:
        """The first legal form written, if any."""
        return self.legal_forms[0] if self.legal_forms else None


def _words(text: str) -> str:
    return re.sub(r"\s*-\s*", " ", cyrillic_key(text)).strip()


def _strip_start(words: str) -> tuple[str, str | None]:
    for spelling, code in _SPELLINGS:
        if spelling not in _END_ONLY and (words + " ").startswith(spelling + " "):
            return words[len(spelling) :].strip(), code
    return words, None


def _strip_end(words: str) -> tuple[str, str | None]:
    for spelling, code in _SPELLINGS:
        if (" " + words).endswith(" " + spelling):
            return words[: -len(spelling)].strip(), code
    return words, None


def _forms_only(outside: str) -> list[str]:
    """All legal forms in text that holds nothing else (what surrounds a quoted name)."""
    forms: list[str] = []
    while outside:
        outside, code = _strip_end(outside)
        if code is None:
            outside, code = _strip_start(outside)
        if code is None:
            break
        forms.append(code)
    return forms[::-1]


def _split_quotes(name: str) -> tuple[str, str] | None:
    """(outside, inside) of the outermost quotes, or None when the name is not quoted."""
    opening = next((i for i, char in enumerate(name) if char in _OPENING), None)
    closing = next((i for i in range(len(name) - 1, -1, -1) if name[i] in _CLOSING), None)
    if opening is None or closing is None or closing <= opening:
        return None
    return name[:opening] + " " + name[closing + 1 :], name[opening + 1 : closing]


def parse_company_name(name: str) -> CompanyName:
    """Split `name` into its legal forms and a key (see the module docstring)."""
    quoted = _split_quotes(name)
    if quoted:
        outside, inside = quoted
        forms = _forms_only(_words(outside))
        words = _words(inside)
    else:
        words, first = _strip_start(_words(name))
        words, last = _strip_end(words)
        forms = [code for code in (first, last) if code]
    return CompanyName(name=name, legal_forms=tuple(forms), key=words, latin=latin_key(words))


def same_company_name(a: str, b: str) -> bool:
    """Same name up to script, quotes and punctuation, with compatible legal forms.

    A form missing on one side is neutral; two different forms (an LLP and a JSC) are not the same
    body even under one name.
    """
    first, second = parse_company_name(a), parse_company_name(b)
    if not first.latin or first.latin != second.latin:
        return False
    forms_a, forms_b = set(first.legal_forms), set(second.legal_forms)
    return not forms_a or not forms_b or bool(forms_a & forms_b)
