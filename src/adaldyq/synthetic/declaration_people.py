"""Who declares in synthetic declaration histories: officials, their families, and the reference
prices (market price per m² by region, car prices by model) their assets are drawn from.

Everything here is drawn from the caller's seeded `Random`, so one seed gives one population.
"""

# Names are Kazakh as Kazakh registers write them in Cyrillic; look-alike letters are intended.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from random import Random
from typing import Any

from adaldyq.model.identity.identifiers import check_digit
from adaldyq.synthetic.organisations import REGIONS

CURRENCY = "KZT"
IIN_SCHEME = "KZ-IIN"

MARKET_PRICE_PER_M2: dict[str, int] = dict(zip(
    REGIONS,
    (650_000, 800_000, 420_000, 260_000, 300_000, 330_000, 380_000, 450_000, 290_000, 250_000,
     270_000, 300_000, 360_000, 280_000, 240_000, 430_000, 310_000, 240_000, 230_000, 220_000),
    strict=True,
))  # fmt: skip
"""Market price of a dwelling per m² by region (KZT, invented but of the right order): clean
purchases pay 0.85-1.15 of it, so the median a rule computes from the population is near it.
Houses cost `HOUSE_FACTOR` of it and land plots `LAND_PRICE_PER_M2` × the region's level."""
HOUSE_FACTOR = 0.8
LAND_FACTOR = 0.02

CARS: tuple[tuple[str, str, int], ...] = (
    ("Lada", "Granta", 4_500_000),
    ("Lada", "Vesta", 6_500_000),
    ("Hyundai", "Accent", 8_000_000),
    ("Kia", "Rio", 8_200_000),
    ("Chevrolet", "Cobalt", 6_800_000),
    ("Hyundai", "Tucson", 13_500_000),
    ("Toyota", "Corolla", 12_000_000),
    ("Toyota", "Camry", 17_000_000),
)
"""Ordinary cars of the clean population: (brand, model, new price in KZT)."""
LUXURY_CARS: tuple[tuple[str, str, int], ...] = (
    ("Toyota", "Land Cruiser 300", 48_000_000),
    ("Lexus", "LX 600", 75_000_000),
    ("Mercedes-Benz", "G 63 AMG", 110_000_000),
)

GRADE_SALARY = (6_000_000, 7_800_000, 9_600_000, 12_000_000, 15_600_000, 21_000_000, 30_000_000)
"""Yearly salary of a civil-service grade in the first year (KZT), raised 3-8 % a year."""
POSITIONS = (
    "главный специалист", "ведущий специалист", "руководитель отдела", "заместитель руководителя",
    "руководитель управления", "заместитель акима", "аким",
)  # fmt: skip
BODIES = (
    "Управление финансов", "Управление образования", "Управление здравоохранения",
    "Департамент государственных доходов", "Аппарат акима", "Управление строительства",
)  # fmt: skip
BANKS = ("АО «Халык Банк»", "АО «Kaspi Bank»", "АО «Банк ЦентрКредит»", "АО «ForteBank»",
         "АО «Отбасы банк»")  # fmt: skip
EMPLOYERS = ("ТОО «КазСервис»", "АО «КазТрансОйл»", "КГП «Городская поликлиника»",
             "ТОО «Алатау Строй»", "КГУ «Школа-гимназия №12»")  # fmt: skip

_MALE = ("Нурлан", "Ерлан", "Асхат", "Бауыржан", "Даурен", "Марат", "Серик", "Аскар", "Ержан")
_FEMALE = ("Айгуль", "Гульнара", "Динара", "Жанар", "Алия", "Сауле", "Асель", "Мадина", "Айжан")
_SURNAMES = ("Ахметов", "Серикбаев", "Жумабеков", "Оспанов", "Касымов", "Нурланов", "Абенов",
             "Исмаилов", "Тулегенов", "Бекмуханов", "Сатпаев", "Муканов")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Member:
    """A family member as the declaration lists it. Every listed member counts in the household
    size the living costs are multiplied by; `adult` marks a parent or grown child who can hold
    assets in their own name (the `family_transfer` pattern's nominee)."""

    member_id: str
    relation: str
    last_name: str
    first_name: str
    adult: bool

    def item(self) -> dict[str, Any]:
        return {"member_id": self.member_id, "relation": self.relation,
                "last_name": self.last_name, "first_name": self.first_name,
                "citizenship": "KZ"}  # fmt: skip


@dataclass(slots=True)
class Person:
    """An official: identity, post and family. Money and assets live in `Household`."""

    number: int
    iin: str
    last_name: str
    first_name: str
    male: bool
    position: str
    body: str
    region: str
    grade: int
    family: list[Member] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name}"

    def member(self, relation: str) -> Member | None:
        return next((m for m in self.family if m.relation == relation), None)


def feminine(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname


def iin(rng: Random, born: date, male: bool, taken: set[str]) -> str:
    """A valid-looking individual identification number: YYMMDD, century-and-sex digit, four
    serial digits and the check digit of BINs and IINs; none of those `taken` (then added to
    them), since two officials with one IIN would be one person to every rule."""
    century = (3 if born.year < 2000 else 5) + (0 if male else 1)
    while True:
        first11 = f"{born:%y%m%d}{century}{rng.randrange(10**4):04d}"
        check = check_digit(first11)
        if check is not None and first11 + str(check) not in taken:
            taken.add(first11 + str(check))
            return first11 + str(check)


def person(
    rng: Random, number: int, first_year: int, extended_family: bool, taken: set[str]
) -> Person:
    """An official aged 30-60 with a spouse (80 %), 0-3 children and, sometimes (always when
    `extended_family`), a parent or an adult child listed as family."""
    male = rng.random() < 0.6
    born = date(first_year - rng.randint(30, 60), rng.randint(1, 12), rng.randint(1, 28))
    surname = rng.choice(_SURNAMES)
    grade = rng.randrange(len(GRADE_SALARY))
    official = Person(
        number=number,
        iin=iin(rng, born, male, taken),
        last_name=surname if male else feminine(surname),
        first_name=rng.choice(_MALE if male else _FEMALE),
        male=male,
        position=POSITIONS[grade],
        body=rng.choice(BODIES),
        region=rng.choice(REGIONS),
        grade=grade,
    )
    family = official.family
    if rng.random() < 0.8:
        spouse_male = not male
        family.append(Member(f"f{len(family) + 1}", "spouse",
                             surname if spouse_male else feminine(surname),
                             rng.choice(_MALE if spouse_male else _FEMALE), True))  # fmt: skip
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        son = rng.random() < 0.5
        family.append(Member(f"f{len(family) + 1}", "child",
                             surname if son else feminine(surname),
                             rng.choice(_MALE if son else _FEMALE), False))  # fmt: skip
    if extended_family or rng.random() < 0.1:
        relation = rng.choice(("parent", "child"))
        family.append(Member(f"f{len(family) + 1}", relation, surname,
                             rng.choice(_MALE + _FEMALE), True))  # fmt: skip
    return official


def random_name(rng: Random, male: bool) -> tuple[str, str]:
    """A surname and first name from the population's lists, the surname in the person's sex."""
    surname = rng.choice(_SURNAMES)
    return (surname if male else feminine(surname)), rng.choice(_MALE if male else _FEMALE)


def stranger(rng: Random) -> str:
    """A private person who is nobody's family member in the synthetic population: surnames
    outside the population's list."""
    return f"{rng.choice(('Ким', 'Пак', 'Цой', 'Ли', 'Тен'))} {rng.choice(_MALE)}"
