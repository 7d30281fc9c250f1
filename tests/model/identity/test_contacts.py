"""Phones to E.164, e-mails to mailbox keys with a free-mail flag, addresses to a sorted key."""

# ruff: noqa: RUF001  (Cyrillic addresses are the subject)

from __future__ import annotations

import pytest

from adaldyq.model.identity.addresses import address_key
from adaldyq.model.identity.contacts import (
    InvalidContact,
    parse_email,
    phone_e164,
    phones_in,
    shared_domain_is_evidence,
)


@pytest.mark.parametrize(
    "written",
    ["8 (727) 123-45-67", "+7 727 1234567", "87271234567", "+7(727)123 45 67", "7271234567"],
)
def test_one_almaty_line_in_every_spelling(written: str) -> None:
    assert phone_e164(written) == "+77271234567"


def test_mobile_and_foreign_numbers() -> None:
    assert phone_e164("8 701 123 45 67") == "+77011234567"
    assert phone_e164("+7 (495) 123-45-67") == "+74951234567"  # Moscow: same +7, kept as is
    assert phone_e164("(0)30 1234567", default_region="DE") == "+49301234567"


@pytest.mark.parametrize(
    ("written", "reason"),
    [("нет", "did not seem to be a phone number"), ("+7 727 12", "not a possible number")],
)
def test_phone_errors(written: str, reason: str) -> None:
    with pytest.raises(InvalidContact, match=reason):
        phone_e164(written)


def test_phones_in_free_text() -> None:
    text = "тел. +7 701 111 2233, 8 727 222 3344; факс 8(7172)55-66-77"
    assert list(phones_in(text)) == ["+77011112233", "+77272223344", "+77172556677"]


def test_email_normalised() -> None:
    email = parse_email("  Info@Romashka.KZ ")
    assert (email.address, email.domain, email.free_mail) == (
        "info@romashka.kz",
        "romashka.kz",
        False,
    )
    assert parse_email("mailto:<Info@Romashka.KZ>") == email


def test_gmail_dots_tags_and_alias_domain_share_one_mailbox() -> None:
    keys = {
        parse_email(a).key
        for a in (
            "Ivan.Ivanov+tender@gmail.com",
            "ivanivanov@googlemail.com",
            "IVANIVANOV@gmail.com",
        )
    }
    assert keys == {"ivanivanov@gmail.com"}
    # dots matter at other providers
    assert parse_email("ivan.ivanov@mail.ru").key != parse_email("ivanivanov@mail.ru").key


def test_shared_free_mail_domain_is_no_evidence() -> None:
    one, two = parse_email("a@gmail.com"), parse_email("b@gmail.com")
    assert one.free_mail and not shared_domain_is_evidence(one, two)
    firm_a, firm_b = parse_email("buh@romashka.kz"), parse_email("director@romashka.kz")
    assert shared_domain_is_evidence(firm_a, firm_b)
    assert not shared_domain_is_evidence(firm_a, parse_email("x@vasilek.kz"))


def test_cyrillic_domain_compared_as_dns_writes_it() -> None:
    assert parse_email("info@почта.рф").domain == "xn--80a1acny.xn--p1ai"


@pytest.mark.parametrize("written", ["", "ivan", "ivan@", "@mail.ru", "ivan@mail", "a b@mail.ru"])
def test_email_errors(written: str) -> None:
    with pytest.raises(InvalidContact, match="not of the form"):
        parse_email(written)


SAME_FLAT = [
    "г. Алматы, ул. Абая, д. 10, кв. 5",
    "Алматы қаласы, Абая көшесі, 10 үй, 5 пәтер",
    "Республика Казахстан, Almaty, Abaya street 10, apt. 5",
    "г.Алматы,ул.Абая,д.10,кв.5",
    "АЛМАТЫ, АБАЯ 10 - 5 кв",
]


@pytest.mark.parametrize("written", SAME_FLAT)
def test_one_flat_in_every_spelling(written: str) -> None:
    assert address_key(written) == "10 abaia almati apt5"


def test_numbers_are_kept_and_bound_to_flat_and_office() -> None:
    assert address_key("г. Алматы, ул. Абая, д. 5, кв. 10") == "5 abaia almati apt10"
    office = "г. Астана, пр-т Мәңгілік Ел, 55/20, офис 301"
    assert address_key(office) == address_key("Астана қ., Мәңгілік Ел даңғылы 55/20, 301 кеңсе")
    assert address_key(office) == "55/20 astana el manilik office301"  # "ng" reads as folded Ң
    assert address_key("мкр. Самал-2, д. 58а") == address_key("шағын аудан Самал-2, 58-а үй")


def test_a_city_named_in_kazakh_or_russian_is_one_city() -> None:
    kazakh = address_key("Қарағанды қаласы, Абая көшесі, 5 үй, 7 пәтер")
    assert kazakh == address_key("г. Караганда, ул. Абая, д. 5, кв. 7")
    assert kazakh == address_key("Karaganda, Abaya street 5, apt. 7")


def test_postcode_kept_unless_asked() -> None:
    written = "050000, г. Алматы, ул. Абая, д. 10, кв. 5"
    assert address_key(written) == "050000 10 abaia almati apt5"
    assert address_key(written, postcode=False) == address_key(SAME_FLAT[0])


def test_documented_limit_declension() -> None:
    # Russian genitive "Абая" and Kazakh nominative "Абай": not joined (see the module docstring)
    assert address_key("ул. Абая 10") != address_key("Абай даңғылы 10")
