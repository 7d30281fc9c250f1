"""Two synthetic company registers that share part of their companies, with the true pairs.

The left register writes a company as the state register does («ТОО "Алатау Строй"», its BIN,
registration date, office address, phone, e-mail); the right one as procurement forms and foreign
registers do: the legal form in Kazakh or English or in full (ЖШС, LLP, "Товарищество с
ограниченной ответственностью"), other quotes or none, Latin spelling, a typo, no BIN, the phone
in another format, the e-mail in capitals, another office. The truth is every pair of one company.
"""

# ruff: noqa: RUF001, RUF002  (Kazakh and Russian legal forms are the subject)

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from random import Random

import pyarrow as pa
from anyascii import anyascii

from adaldyq.model.identity.scripts import fold_kazakh
from adaldyq.synthetic.organisations import random_bin
from adaldyq.synthetic.register_pairs import Registers, register_pair
from adaldyq.synthetic.spelling_noise import CITIES, STREETS, latin, typo

_WORDS = (
    "Алатау", "Қазақ", "Дала", "Тұран", "Сарыарқа", "Жетісу", "Каспий", "Алтын", "Көктем",
    "Самұрық", "Бәйтерек", "Есіл", "Нұр", "Ақ", "Көк", "Шұғыла", "Арман", "Береке", "Жол",
    "Құрылыс",
    "Строй", "Тех", "Мед", "Снаб", "Сервис", "Инвест", "Агро", "Транс", "Энерго", "Нефть",
    "Газ", "Пром", "Логистик", "Консалт", "Инжиниринг", "Трейд", "Маркет", "Ресурс", "Холдинг",
    "Групп", "Систем", "Проект", "Монтаж", "Фарм", "Авто", "Металл", "Бетон", "Энергия", "Сауда",
)  # fmt: skip
_FORMS = (("ТОО", "ЖШС", "LLP", "Товарищество с ограниченной ответственностью"),
          ("АО", "АҚ", "JSC", "Акционерное общество"))  # fmt: skip
SCHEMA = pa.schema(
    [("record_id", pa.string()), ("name", pa.string()), ("bin", pa.string()),
     ("address", pa.string()), ("phone", pa.string()), ("email", pa.string()),
     ("registration_date", pa.date32())]
)  # fmt: skip
_FREE_MAIL = ("mail.ru", "gmail.com", "inbox.kz", "yandex.kz")


@dataclass(frozen=True)
class CompanyNoise:
    """Probabilities, per record, of each way a register garbles a company."""

    bin: float = 0.9
    other_form: float = 0.0  # the legal form in Kazakh, English or in full
    latin: float = 0.0
    typo: float = 0.02
    no_phone: float = 0.2
    no_email: float = 0.3
    no_registration: float = 0.05
    moved: float = 0.0


CLEAN = CompanyNoise()
MESSY = CompanyNoise(
    bin=0.5, other_form=0.6, latin=0.15, typo=0.08, no_phone=0.4, no_email=0.5,
    no_registration=0.4, moved=0.2,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Company:
    name: str
    form: int
    bin: str
    registered: date
    office: str
    phone: str
    email: str


def _office(rng: Random) -> str:
    city = rng.choice(CITIES)[0]
    return (
        f"г. {city}, ул. {rng.choice(STREETS)}, д. {rng.randint(1, 250)}, оф. {rng.randint(1, 90)}"
    )


def _company(rng: Random) -> _Company:
    name = rng.choice(_WORDS) + " " + rng.choice(_WORDS)
    if rng.random() < 0.6:
        name += f"-{rng.randint(1, 999)}"
    number = random_bin(rng)
    registered = date(2000 + int(number[:2]) if number[:2] < "50" else 1900 + int(number[:2]),
                      int(number[2:4]), 1) + timedelta(days=rng.randrange(28))  # fmt: skip
    domain = rng.choice(_FREE_MAIL) if rng.random() < 0.5 else f"{anyascii(fold_kazakh(name))}.kz"
    mailbox = f"info{rng.randrange(10**4)}@{domain.lower().replace(' ', '')}"
    phone = f"+7 7{rng.randint(0, 99):02d} {rng.randrange(10**7):07d}"
    return _Company(name, 0 if rng.random() < 0.8 else 1, number, registered, _office(rng),
                    phone, mailbox)  # fmt: skip


def _write_name(rng: Random, company: _Company, noise: CompanyNoise) -> str:
    name = typo(rng, company.name) if rng.random() < noise.typo else company.name
    forms = _FORMS[company.form]
    if rng.random() < noise.latin:
        return f"{latin(rng, name)} {forms[2]}"
    if rng.random() < noise.other_form:
        form = rng.choice((forms[1], forms[3]))
        return f"«{name}» {form}" if form == forms[1] else f'{form} "{name}"'
    return f"{forms[0]} «{name}»"


def _phone(rng: Random, phone: str) -> str:
    digits = phone.replace("+7", "").replace(" ", "")
    if rng.random() < 0.5:
        return phone
    return f"8 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}"


def _record(rng: Random, company: _Company, noise: CompanyNoise) -> dict[str, object]:
    email = None if rng.random() < noise.no_email else company.email
    name = _write_name(rng, company, noise)
    number = company.bin if rng.random() < noise.bin else None
    office = _office(rng) if rng.random() < noise.moved else company.office
    phone = None if rng.random() < noise.no_phone else _phone(rng, company.phone)
    return {
        "name": name,
        "bin": number,
        "address": office,
        "phone": phone,
        "email": email.upper() if email and rng.random() < 0.2 else email,
        "registration_date": None if rng.random() < noise.no_registration else company.registered,
    }


def company_registers(
    size: int,
    seed: int = 0,
    overlap: float = 0.5,
    noise: tuple[CompanyNoise, CompanyNoise] = (CLEAN, MESSY),
) -> Registers:
    """Two registers of `size` records each; `overlap` of each register's companies are in both."""
    rng = Random(seed)
    companies = [_company(rng) for _ in range(2 * size - round(size * overlap))]
    writers = tuple(partial(_record, noise=n) for n in noise)
    return register_pair(rng, companies, size, (writers[0], writers[1]), SCHEMA)
