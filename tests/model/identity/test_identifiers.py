"""IIN/BIN parsing: published examples, precise errors, and properties over generated numbers."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from adaldyq.model.identity.identifiers import (
    Bin,
    BinAttribute,
    EntityType,
    Iin,
    InvalidIdentifier,
    Sex,
    check_digit,
    is_valid_bin,
    is_valid_iin,
    mask_iin,
    parse_bin,
    parse_iin,
    parse_iin_or_bin,
)

# Computed by other implementations (see the module docstring): an independent oracle.
PUBLISHED_BINS = ["940140000385", "990140004654", "971240001315", "950341000052", "070941024691"]
SECOND_WEIGHTING_BIN = "961141000023"  # a Halyk Bank branch; first weighting gives 10
PUBLISHED_IIN = "061211600012"  # first weighting gives 10 too
_FIRST = tuple(range(1, 12))
_CENTURY = {1800: (1, 2), 1900: (3, 4), 2000: (5, 6)}


def _first_remainder(first_eleven: str) -> int:
    return sum(int(d) * w for d, w in zip(first_eleven, _FIRST, strict=True)) % 11


def _complete(first_eleven: str) -> str:
    digit = check_digit(first_eleven)
    assert digit is not None, f"{first_eleven}: pick another example, it has no check digit"
    return f"{first_eleven}{digit}"


def _drawn(first_eleven: str) -> str:
    assume(check_digit(first_eleven) is not None)
    return _complete(first_eleven)


@st.composite
def iins(draw: st.DrawFn) -> tuple[str, date, Sex]:
    born = draw(st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)))
    sex = draw(st.sampled_from(Sex))
    male, female = _CENTURY[born.year // 100 * 100]
    digit = male if sex is Sex.MALE else female
    serial = draw(st.from_regex(r"\A[0-9]{4}\Z"))
    return _drawn(f"{born:%y%m%d}{digit}{serial}"), born, sex


@st.composite
def bins(draw: st.DrawFn) -> tuple[str, date, EntityType, BinAttribute]:
    registered = draw(st.dates(min_value=date(1991, 1, 1), max_value=date(2026, 10, 31)))
    kind = draw(st.sampled_from(EntityType))
    attribute = draw(st.sampled_from(BinAttribute))
    serial = draw(st.from_regex(r"\A[0-9]{5}\Z"))
    number = _drawn(f"{registered:%y%m}{kind.value}{attribute.value}{serial}")
    return number, registered.replace(day=1), kind, attribute


TODAY = date(2026, 11, 24)


@pytest.mark.parametrize("number", PUBLISHED_BINS)
def test_published_bins_validate(number: str) -> None:
    assert is_valid_bin(number)
    assert parse_iin_or_bin(number) == parse_bin(number)


def test_either_kind_by_the_fifth_digit() -> None:
    assert isinstance(parse_iin_or_bin(PUBLISHED_IIN), Iin)
    with pytest.raises(InvalidIdentifier, match=r"IIN/BIN 940170\*{6}: fifth digit 7 fits neither"):
        parse_iin_or_bin("940170000385")
    with pytest.raises(InvalidIdentifier, match=r"BIN .*: check digit 6, expected 5"):
        parse_iin_or_bin("940140000386")
    with pytest.raises(InvalidIdentifier, match=r"IIN .*: 3 digits"):
        parse_iin_or_bin("123")


def test_published_bin_decodes() -> None:
    parsed = parse_bin("940140000385", today=TODAY)
    assert parsed == Bin(
        "940140000385",
        date(1994, 1, 1),
        EntityType.RESIDENT_LEGAL_ENTITY,
        BinAttribute.HEAD_UNIT,
        "00038",
    )


def test_second_weighting_on_published_numbers() -> None:
    for number in (SECOND_WEIGHTING_BIN, PUBLISHED_IIN):
        assert _first_remainder(number[:11]) == 10
        assert check_digit(number[:11]) == int(number[11])
    branch = parse_bin(SECOND_WEIGHTING_BIN, today=TODAY)
    assert (branch.registered, branch.attribute) == (date(1996, 11, 1), BinAttribute.BRANCH)


@pytest.mark.parametrize(
    ("number", "born", "sex"),
    [("800416100254", date(1880, 4, 16), Sex.MALE), ("680503250034", date(1868, 5, 3), Sex.FEMALE)],
)
def test_nineteenth_century_digits(number: str, born: date, sex: Sex) -> None:
    parsed = parse_iin(number)
    assert (parsed.birth_date, parsed.sex) == (born, sex)


def test_published_iin_decodes() -> None:
    assert parse_iin(PUBLISHED_IIN) == Iin(PUBLISHED_IIN, date(2006, 12, 11), Sex.FEMALE, 6, "0001")
    assert parse_iin(" 061 211 600 012 ").number == PUBLISHED_IIN
    assert parse_iin(61211600012).number == PUBLISHED_IIN  # a spreadsheet's integer


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("850101300123", "IIN 850101******: check digit 3, expected 4"),  # INTEGRITY.md's demo
        ("851301300123", "month 13"),
        ("850230300123", "day 30 does not exist in 1985-02"),
        ("850101700123", "century/sex digit 7, expected 1-6"),
        ("85010130012", "11 digits, expected 12 (a leading zero lost in a spreadsheet?)"),
        ("8501013OO123", "character 'O' at position 8 is not a digit"),
        ("", "empty"),
    ],
)
def test_iin_errors_say_what_is_wrong(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifier, match=re.escape(message)):
        parse_iin(value)


def test_iin_error_lists_every_problem_and_masks_the_number() -> None:
    with pytest.raises(InvalidIdentifier) as raised:
        parse_iin("851301700123")
    assert raised.value.problems[:2] == ["century/sex digit 7, expected 1-6", "month 13"]
    assert "851301700123" not in str(raised.value)


def test_leap_day_depends_on_the_century_digit() -> None:
    # 29 Feb of "00": a leap year in 2000 (digit 5), not in 1900 (digit 3)
    assert parse_iin(_complete("0002295" + "1234")).birth_date == date(2000, 2, 29)
    with pytest.raises(InvalidIdentifier, match="day 29 does not exist in 1900-02"):
        parse_iin(_complete("0002293" + "1234"))


def test_century_digit_zero_only_when_allowed() -> None:
    number = _complete("8501010" + "0123")
    with pytest.raises(InvalidIdentifier, match="century/sex digit 0"):
        parse_iin(number)
    parsed = parse_iin(number, allow_unknown_century=True)
    assert (parsed.birth_date, parsed.sex) == (None, None)
    with pytest.raises(InvalidIdentifier, match="month 13"):
        parse_iin(_complete("8513010" + "0123"), allow_unknown_century=True)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("941340000385", "month 13"),
        ("940170000385", "entity-type digit 7, expected 4 (resident legal entity), 5 "),
        ("940149000385", "attribute digit 9, expected 0-3"),
        ("940140000386", "check digit 6, expected 5"),
    ],
)
def test_bin_errors_say_what_is_wrong(value: str, message: str) -> None:
    with pytest.raises(InvalidIdentifier, match=re.escape(message)):
        parse_bin(value)


def test_registration_year_is_never_in_the_future() -> None:
    number = _complete("2611" + "40" + "12345")
    assert parse_bin(number, today=TODAY).registered == date(2026, 11, 1)
    assert parse_bin(number, today=date(2026, 10, 31)).registered == date(1926, 11, 1)


def test_no_check_digit_exists_for_some_prefixes() -> None:
    # find a prefix whose both weightings give 10 and show it is refused
    prefix = next(p for n in range(10_000) if check_digit(p := f"8501013{n:04d}") is None)
    with pytest.raises(InvalidIdentifier, match="no check digit exists"):
        parse_iin(prefix + "0")


def test_mask() -> None:
    assert mask_iin("850101300124") == "850101******"
    assert mask_iin("850101300124", keep=0) == "************"
    assert mask_iin("85-01") == "****"  # not an IIN: nothing shown
    assert mask_iin("abc") == "***"


@given(iins())
def test_generated_iins_validate_and_round_trip(case: tuple[str, date, Sex]) -> None:
    number, born, sex = case
    parsed = parse_iin(number)
    assert (parsed.birth_date, parsed.sex, parsed.number) == (born, sex, number)
    assert isinstance(parse_iin_or_bin(number), Iin)
    assert parsed.masked == mask_iin(number) == number[:6] + "******"


@given(bins())
def test_generated_bins_validate_and_round_trip(
    case: tuple[str, date, EntityType, BinAttribute],
) -> None:
    number, registered, kind, attribute = case
    parsed = parse_bin(number, today=TODAY)
    decoded = (parsed.registered, parsed.entity_type, parsed.attribute)
    assert decoded == (registered, kind, attribute)
    assert not is_valid_iin(number)  # the fifth digit (4-6) is never a day's tens


def _altered(number: str, position: int, digit: str) -> str:
    return number[:position] + digit + number[position + 1 :]


@given(iins(), st.integers(0, 11), st.sampled_from("0123456789"))
def test_single_digit_change_is_caught_unless_the_second_weighting_is_involved(
    case: tuple[str, date, Sex], position: int, digit: str
) -> None:
    number = case[0]
    assume(number[position] != digit)
    altered = _altered(number, position, digit)
    first_only = _first_remainder(number[:11]) != 10 and _first_remainder(altered[:11]) != 10
    if position == 10 and first_only:
        # the 11th digit weighs 11 = 0 (mod 11): the documented blind spot
        assert check_digit(altered[:11]) == check_digit(number[:11])
    elif first_only or position == 11:
        assert not is_valid_iin(altered)
        assert not is_valid_bin(altered)


@given(bins(), st.integers(0, 9), st.sampled_from("0123456789"))
def test_single_digit_change_of_a_bin_is_caught(
    case: tuple[str, date, EntityType, BinAttribute], position: int, digit: str
) -> None:
    number = case[0]
    assume(number[position] != digit)
    altered = _altered(number, position, digit)
    assume(_first_remainder(number[:11]) != 10 and _first_remainder(altered[:11]) != 10)
    assert not is_valid_bin(altered)
