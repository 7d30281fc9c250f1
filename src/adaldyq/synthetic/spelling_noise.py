"""How registers garble names, dates and addresses: the noise of synthetic matching data.

Each function takes the caller's seeded `Random`, so one seed gives one garbled register. The kinds
of noise are those entity resolution must see through (issue #5): Kazakh letters folded to Russian
ones, Latin transliteration (ICAO as passports print it, or anyascii's reading), a keyboard typo,
initials for names, word order changed, a digit typo in a date, addresses in Russian, Kazakh or
Latin form.
"""

# ruff: noqa: RUF001  (Kazakh Cyrillic letters are the subject)

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from anyascii import anyascii

from adaldyq.model.identity.scripts import fold_kazakh, icao_transliteration

_LETTERS = "абвгдежзийклмнопрстуфхцчшщыэюя"


def typo(rng: Random, word: str) -> str:
    """One keyboard slip: a letter replaced, dropped, doubled or swapped with its neighbour."""
    if len(word) < 3:
        return word
    at = rng.randrange(1, len(word) - 1)  # the first letter is rarely mistyped
    kind = rng.randrange(4)
    if kind == 0:
        letter = rng.choice(_LETTERS)
        return word[:at] + (letter if word[at].islower() else letter.upper()) + word[at + 1 :]
    if kind == 1:
        return word[:at] + word[at + 1 :]
    if kind == 2:
        return word[:at] + word[at] + word[at:]
    return word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]


def latin(rng: Random, text: str) -> str:
    """A Latin spelling: ICAO 9303 (passports) or anyascii's reading of the Kazakh letters."""
    return icao_transliteration(text) if rng.random() < 0.5 else anyascii(text)


def initial(word: str) -> str:
    return word[0] + "."


def date_typo(rng: Random, day: date) -> date:
    """One digit of the day or the month mistyped, or the day off by one; still a real date."""
    for _ in range(10):
        text = list(day.strftime("%Y%m%d"))
        at = rng.choice((3, 6, 7))
        text[at] = str(rng.randrange(10))
        try:
            changed = date(int("".join(text[:4])), int("".join(text[4:6])), int("".join(text[6:])))
        except ValueError:
            continue
        if changed != day:
            return changed
    return day + timedelta(days=1)


# (Russian form, Kazakh form, Latin form) of a city and a street, with house and flat
_ADDRESS_FORMS = (
    "г. {city_ru}, ул. {street_ru}, д. {house}, кв. {flat}",
    "{city_ru}, {street_ru} улица, дом {house}, квартира {flat}",
    "{city_kz} қаласы, {street_kz} көшесі, {house} үй, {flat} пәтер",
    "{city_latin}, {street_latin} street {house}, apt. {flat}",
)
CITIES = (
    ("Алматы", "Алматы"), ("Астана", "Астана"), ("Шымкент", "Шымкент"), ("Караганда", "Қарағанды"),
    ("Актобе", "Ақтөбе"), ("Тараз", "Тараз"), ("Павлодар", "Павлодар"), ("Семей", "Семей"),
    ("Костанай", "Қостанай"), ("Кызылорда", "Қызылорда"), ("Атырау", "Атырау"), ("Актау", "Ақтау"),
)  # fmt: skip
STREETS = (
    "Абая", "Сатпаева", "Жандосова", "Толе би", "Богенбай батыра", "Кабанбай батыра", "Желтоксан",
    "Назарбаева", "Розыбакиева", "Гагарина", "Пушкина", "Ленина", "Мира", "Жибек жолы",
    "Байтурсынова", "Ауэзова", "Сейфуллина", "Муканова", "Тимирязева", "Достык",
)  # fmt: skip


def address(rng: Random) -> tuple[str, str, int, int]:
    """A dwelling: city, street, house, flat."""
    city = rng.randrange(len(CITIES))
    return CITIES[city][0], rng.choice(STREETS), rng.randint(1, 250), rng.randint(1, 300)


def write_address(rng: Random, dwelling: tuple[str, str, int, int]) -> str:
    """The dwelling in one of the ways registers write it."""
    city, street, house, flat = dwelling
    city_kz = next(kz for ru, kz in CITIES if ru == city)
    return rng.choice(_ADDRESS_FORMS).format(
        city_ru=city, street_ru=street, city_kz=city_kz, street_kz=street, house=house,
        flat=flat, city_latin=anyascii(city), street_latin=anyascii(fold_kazakh(street)),
    )  # fmt: skip
