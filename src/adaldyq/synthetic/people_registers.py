"""Two synthetic person registers that share part of their people, with the true pairs beside.

For measuring entity resolution (tests and `benchmarks/entity_resolution.py`): a population is
drawn, `overlap` of each register's people are in both, and each register writes its people with
its own noise (`PersonNoise`): the left one is a clean register of record (Kazakh spelling, IIN
for half), the right one a messier source (folded Kazakh letters, Latin passport spellings,
typos, missing patronymics, initials, changed word order, missing or mistyped birth dates, people
who moved). The truth is every (left record, right record) pair of one person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from random import Random

import pyarrow as pa

from adaldyq.model.identity.scripts import fold_kazakh
from adaldyq.synthetic.declaration_people import iin
from adaldyq.synthetic.person_names import FullName, random_name
from adaldyq.synthetic.register_pairs import Registers, register_pair
from adaldyq.synthetic.spelling_noise import (
    address,
    date_typo,
    initial,
    latin,
    typo,
    write_address,
)

SCHEMA = pa.schema(
    [("record_id", pa.string()), ("name", pa.string()), ("birth_date", pa.date32()),
     ("iin", pa.string()), ("address", pa.string()), ("country", pa.string())]
)  # fmt: skip
_FIRST_BIRTH = date(1945, 1, 1)
_BIRTH_DAYS = (date(2005, 12, 31) - _FIRST_BIRTH).days


@dataclass(frozen=True)
class PersonNoise:
    """Probabilities, per record, of each way a register garbles a person."""

    iin: float = 0.5  # the IIN is written
    fold: float = 0.2  # Kazakh letters replaced by Russian ones
    latin: float = 0.03  # written in Latin letters
    typo: float = 0.05  # one slip in the surname or the given name
    no_patronymic: float = 0.1
    initials: float = 0.03  # given name and patronymic as initials
    reorder: float = 0.03  # given name first
    no_birth_date: float = 0.1
    birth_typo: float = 0.03
    no_address: float = 0.2
    moved: float = 0.0  # another address than the other register's


CLEAN = PersonNoise()
"""A register of record."""
MESSY = PersonNoise(
    iin=0.4, fold=0.4, latin=0.15, typo=0.1, no_patronymic=0.25, initials=0.08, reorder=0.1,
    no_birth_date=0.2, birth_typo=0.05, no_address=0.3, moved=0.2,
)  # fmt: skip
"""A secondary source: declarations, procurement forms, foreign registers."""


@dataclass(frozen=True, slots=True)
class _Person:
    name: FullName
    born: date
    iin: str
    dwelling: tuple[str, str, int, int]


def _people(rng: Random, count: int) -> list[_Person]:
    taken: set[str] = set()
    found = []
    for _ in range(count):
        name = random_name(rng)
        born = _FIRST_BIRTH + timedelta(days=rng.randrange(_BIRTH_DAYS))
        found.append(_Person(name, born, iin(rng, born, name.male, taken), address(rng)))
    return found


def _write_name(rng: Random, name: FullName, noise: PersonNoise) -> str:
    surname, given = name.surname, name.given
    patronymic = None if rng.random() < noise.no_patronymic else name.patronymic
    if rng.random() < noise.typo:
        if rng.random() < 0.5:
            surname = typo(rng, surname)
        else:
            given = typo(rng, given)
    if rng.random() < noise.latin:  # a passport: rarely a patronymic, often upper case
        parts = [latin(rng, p) for p in (given, surname)]
        return " ".join(parts) if rng.random() < 0.5 else " ".join(parts[::-1]).upper()
    if rng.random() < noise.initials:
        given = initial(given)
        patronymic = initial(patronymic) if patronymic else None
        text = f"{surname} {given}{patronymic or ''}"
    elif rng.random() < noise.reorder:
        text = " ".join(p for p in (given, patronymic, surname) if p)
    else:
        text = " ".join(p for p in (surname, given, patronymic) if p)
    return fold_kazakh(text) if rng.random() < noise.fold else text


def _record(rng: Random, person: _Person, noise: PersonNoise) -> dict[str, object]:
    born: date | None = person.born
    if rng.random() < noise.no_birth_date:
        born = None
    elif rng.random() < noise.birth_typo:
        born = date_typo(rng, person.born)
    dwelling = address(rng) if rng.random() < noise.moved else person.dwelling
    return {
        "name": _write_name(rng, person.name, noise),
        "birth_date": born,
        "iin": person.iin if rng.random() < noise.iin else None,
        "address": None if rng.random() < noise.no_address else write_address(rng, dwelling),
        "country": "KZ",
    }


def person_registers(
    size: int,
    seed: int = 0,
    overlap: float = 0.5,
    noise: tuple[PersonNoise, PersonNoise] = (CLEAN, MESSY),
) -> Registers:
    """Two registers of `size` records each; `overlap` of each register's people are in both."""
    rng = Random(seed)
    people = _people(rng, 2 * size - round(size * overlap))
    writers = tuple(partial(_record, noise=n) for n in noise)
    return register_pair(rng, people, size, (writers[0], writers[1]), SCHEMA)
