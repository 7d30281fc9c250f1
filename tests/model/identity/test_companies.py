"""Company names: legal forms in three languages stripped and recorded, quotes of every kind."""

# ruff: noqa: RUF001  (Cyrillic names are the subject)

from __future__ import annotations

import pytest

from adaldyq.model.identity.companies import parse_company_name, same_company_name

ROMASHKA = [
    'ТОО "Ромашка"',
    "ТОО «Ромашка»",
    "Товарищество с ограниченной ответственностью „Ромашка“",
    "«Ромашка» ЖШС",
    "Жауапкершілігі шектеулі серіктестігі «Ромашка»",
    "Romashka LLP",
    "ТОО Ромашка",
    "тоо  РОМАШКА.",
    "«Ромашка» TOO",
    "«Romashka» JShS",
]


@pytest.mark.parametrize("name", ROMASHKA)
def test_one_llp_in_every_spelling(name: str) -> None:
    parsed = parse_company_name(name)
    assert parsed.latin == "romashka"
    assert parsed.legal_form == "LLP", parsed


@pytest.mark.parametrize(
    ("name", "form", "key"),
    [
        ('АО "Казахтелеком"', "JSC", "казахтелеком"),
        ("«Қазақтелеком» АҚ", "JSC", "казактелеком"),
        ('ГУ "Аппарат акима города Алматы"', "STATE_INSTITUTION", "аппарат акима города алматы"),
        ("РГП на ПХВ «Казгидромет»", "STATE_ENTERPRISE", "казгидромет"),
        ('КГП на ПХВ "Городская поликлиника №5"', "STATE_ENTERPRISE", "городская поликлиника 5"),
        ("ИП Иванов И.И.", "IE", "иванов и и"),
        ("Крестьянское хозяйство «Береке»", "FARM", "береке"),
        ('ТОО "Ромашка-2030"', "LLP", "ромашка 2030"),
        ('ООО "Газпром нефть"', "LLC", "газпром нефть"),
        ("Siemens AG", None, "siemens ag"),
        ("Ромашка", None, "ромашка"),
        ("ТОО", "LLP", ""),
    ],
)
def test_legal_form_and_key(name: str, form: str | None, key: str) -> None:
    parsed = parse_company_name(name)
    assert (parsed.legal_form, parsed.key) == (form, key)


def test_kazakh_word_at_the_start_is_not_a_legal_form() -> None:
    # "Ақ" (white) begins many names; as АҚ (JSC) it is only written after the name
    assert parse_company_name("ТОО Ақ жол").key == "ак жол"
    assert parse_company_name("Ақ жол ЖШС").key == "ак жол"
    assert parse_company_name("Ақ жол АҚ").legal_forms == ("JSC",)
    assert parse_company_name("Aq jol AQ").key == "aq jol"


def test_nested_quotes_keep_the_inner_name() -> None:
    parsed = parse_company_name('АО «Национальная компания "Қазақстан темір жолы"»')
    assert parsed.key == "национальная компания казакстан темир жолы"
    assert parsed.legal_forms == ("JSC",)


def test_same_company_name() -> None:
    assert same_company_name('ТОО "Ромашка"', "Romashka LLP")
    assert same_company_name('ТОО "Ромашка"', "Ромашка")  # form omitted: neutral
    assert not same_company_name('ТОО "Ромашка"', 'АО "Ромашка"')  # an LLP is not a JSC
    assert not same_company_name('ТОО "Ромашка"', 'ТОО "Ромашка-2"')
    assert not same_company_name("ТОО", "ТОО")  # no name left: nothing to match on
