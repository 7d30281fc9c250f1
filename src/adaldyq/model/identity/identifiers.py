"""Kazakhstan's 12-digit identification numbers: the IIN of a person and the BIN of an organisation.

This is the one module every reader, connector and engine uses to parse them (issue #8): an
identifier that passes here is the same string everywhere, and an error says exactly what is wrong,
so a rejects report can be acted on.

Structure (Law No. 223 of 12 January 2007 "On national registers of identification numbers";
Government Decree No. 406 of 22 May 2007, rules of forming the identification number):

* IIN: ``YYMMDD`` date of birth, one century/sex digit (1/2 = born in the 1800s male/female,
  3/4 = 1900s, 5/6 = 2000s), a 4-digit serial, a check digit.
* BIN: ``YYMM`` of (re-)registration, an entity-type digit (4 resident legal entity,
  5 non-resident legal entity, 6 individual entrepreneur working in joint entrepreneurship), an
  attribute digit (0 head unit, 1 branch, 2 representative office, 3 peasant farm in joint
  entrepreneurship), a 5-digit serial, a check digit.

Check digit: the sum of the first 11 digits weighted 1..11, modulo 11; if that is 10, the sum
weighted 3..11,1,2 modulo 11; if that is 10 again the number cannot be issued.

What was verified, and where (searches of public code and pages, November 2026):

* The two weightings and the "10 twice = unusable" rule are identical in four independent
  implementations: ``valery1707/kaz-person-id`` (Java, ``PersonIdUtils.isValidCRC``, citing decree
  406), ``ZhymabekRoman/kz-iin-validator`` (Python, citing decree 565 of 11 June 2003),
  ``identique/idnumbers`` (Python, citing the OECD "Kazakhstan-TIN" sheet) and a gist
  (``adilkhash``, "Валидация ИИН/БИН"); FakerPHP PR #1450 ("when both checksums return 10 the IIN
  cannot be used") agrees. The same algorithm serves IIN and BIN.
* Published examples computed by other implementations validate here (tests keep them): BINs
  940140000385 and 990140004654 (python-stdnum PR #322 docstring), 971240001315 (npm
  ``inn-validate`` README), Halyk Bank branches' 950341000052, 961141000023 and 070941024691
  (kaz-person-id tests), the IIN 061211600012 (``kz-iin-validator`` README) and kaz-person-id's
  1800s IINs 800416100254 and 680503250034. 961141000023 and 061211600012 need the second
  weighting, so it is checked against outside data too.
* Century/sex digits 1-6 as above: kaz-person-id, kz-iin-validator, idnumbers and FakerPHP agree.
  A 0 "for foreigners" is *not* confirmed by any of them: kaz-person-id calls 0 and 7-9
  "unassigned" and kz-iin-validator rejects 0. It is refused unless the caller allows it
  (``allow_unknown_century``), and then the birth date and sex are left unknown.
* BIN digits 5 and 6: kaz-person-id (enums ``JuridicalPersonType``, ``JuridicalPersonAttribute``),
  python-stdnum PR #322 (citing the OECD sheet) and idnumbers agree on 4/5/6 and 0-3.
* What the check digit catches (property tests prove it): a change of any one digit other than the
  11th is caught whenever neither the true nor the altered number needs the second weighting.
  The 11th digit has the weight 11, which is 0 modulo 11, so a change of it alone is *not* caught
  unless the second weighting is involved: over random numbers about 10 % of all single-digit
  typos pass the check. Validation is a filter, not proof of identity.
* Not verified: the official decree text itself (not in the searchable corpus). The law lets a
  person whose check digit does not match the algorithm get a new IIN, so invalid numbers exist in
  old records: an invalid IIN is a data-quality fact, not proof of forgery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from adaldyq.errors import AdaldyqError

LENGTH = 12
_FIRST_WEIGHTS = tuple(range(1, 12))
_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_SEPARATORS = re.compile(r"[\s\-.\u00a0\u202f]+")
_CENTURY_START = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}
_MASK = "*"


class InvalidIdentifier(AdaldyqError, ValueError):
    """An IIN or BIN that fails a rule; the message masks the number (an IIN is personal data)."""

    exit_code = 2
    http_status = 422

    def __init__(self, kind: str, value: str, problems: list[str]) -> None:
        self.kind = kind
        self.problems = problems
        self.masked = mask_iin(value)
        super().__init__(f"{kind} {self.masked}: {'; '.join(problems)}")


class Sex(StrEnum):
    """Sex as the IIN's seventh digit encodes it (odd male, even female)."""

    MALE = "male"
    FEMALE = "female"


class EntityType(StrEnum):
    """The BIN's fifth digit."""

    RESIDENT_LEGAL_ENTITY = "4"
    NON_RESIDENT_LEGAL_ENTITY = "5"
    JOINT_ENTREPRENEURSHIP = "6"


class BinAttribute(StrEnum):
    """The BIN's sixth digit: which unit of the entity the number names."""

    HEAD_UNIT = "0"
    BRANCH = "1"
    REPRESENTATIVE_OFFICE = "2"
    PEASANT_FARM = "3"


@dataclass(frozen=True)
class Iin:
    """A valid IIN and what it encodes."""

    number: str
    birth_date: date | None  # None only for an unassigned century digit, when allowed
    sex: Sex | None
    century_digit: int
    serial: str

    @property
    def masked(self) -> str:
        """The form to publish: date of birth kept, the rest hidden."""
        return mask_iin(self.number)


@dataclass(frozen=True)
class Bin:
    """A valid BIN and what it encodes."""

    number: str
    registered: date  # first day of the month of (re-)registration
    entity_type: EntityType
    attribute: BinAttribute
    serial: str


def check_digit(first_eleven: str) -> int | None:
    """The check digit of 11 digits, or None when both weightings give 10 (never issued)."""
    digits = [int(c) for c in first_eleven]
    if len(digits) != LENGTH - 1:
        raise ValueError(f"check_digit takes 11 digits, got {len(digits)}")
    for weights in (_FIRST_WEIGHTS, _SECOND_WEIGHTS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def clean(value: str | int) -> str:
    """The 12 digits of `value`, with spaces, hyphens and dots removed.

    An int is zero-padded: spreadsheets drop the leading zero of people born in 2000-2009. A string
    is not, because a string that lost a digit is an error the source must fix.
    """
    if isinstance(value, int):
        text = str(value).zfill(LENGTH)
    else:
        text = _SEPARATORS.sub("", value.strip())
    return text


def _format_problems(text: str) -> list[str]:
    if not text:
        return ["empty"]
    bad = [(i, c) for i, c in enumerate(text) if not c.isascii() or not c.isdigit()]
    if bad:
        position, char = bad[0]
        return [f"character {char!r} at position {position + 1} is not a digit"]
    if len(text) != LENGTH:
        hint = " (a leading zero lost in a spreadsheet?)" if len(text) == LENGTH - 1 else ""
        return [f"{len(text)} digits, expected {LENGTH}{hint}"]
    return []


def _check_digit_problems(text: str) -> list[str]:
    expected = check_digit(text[:11])
    if expected is None:
        return ["no check digit exists for the first 11 digits (both weightings give 10)"]
    if expected != int(text[11]):
        return [f"check digit {text[11]}, expected {expected}"]
    return []


def _date_problem(year: int, month: int, day: int) -> str | None:
    if not 1 <= month <= 12:
        return f"month {month:02d}"
    try:
        date(year, month, day)
    except ValueError:
        return f"day {day:02d} does not exist in {year}-{month:02d}"
    return None


def parse_iin(value: str | int, *, allow_unknown_century: bool = False) -> Iin:
    """Parse and validate an IIN; raise `InvalidIdentifier` listing every problem found.

    `allow_unknown_century` accepts a seventh digit of 0 (reported for some foreigners' numbers,
    unconfirmed): the month and day are still checked, the birth date and sex are left unknown.
    """
    text = clean(value)
    problems = _format_problems(text)
    if problems:
        raise InvalidIdentifier("IIN", text, problems)
    yy, month, day, century = int(text[0:2]), int(text[2:4]), int(text[4:6]), int(text[6])
    start = _CENTURY_START.get(century)
    if start is None and not (century == 0 and allow_unknown_century):
        problems.append(f"century/sex digit {century}, expected 1-6")
    # 2000 is a leap year, so an unknown century still accepts 29 February
    date_problem = _date_problem((start or 2000) + yy, month, day)
    if date_problem:
        problems.append(date_problem)
    problems += _check_digit_problems(text)
    if problems:
        raise InvalidIdentifier("IIN", text, problems)
    return Iin(
        number=text,
        birth_date=date(start + yy, month, day) if start else None,
        sex=(Sex.MALE if century % 2 else Sex.FEMALE) if start else None,
        century_digit=century,
        serial=text[7:11],
    )


def parse_bin(value: str | int, *, today: date | None = None) -> Bin:
    """Parse and validate a BIN; raise `InvalidIdentifier` listing every problem found.

    The registration year has two digits: years up to `today`'s (default: the current date) are
    read as 20YY, later ones as 19YY, so a registration month in the future cannot be produced.
    """
    text = clean(value)
    problems = _format_problems(text)
    if problems:
        raise InvalidIdentifier("BIN", text, problems)
    today = today or date.today()
    yy, month = int(text[0:2]), int(text[2:4])
    year = 2000 + yy if (2000 + yy, month) <= (today.year, today.month) else 1900 + yy
    if not 1 <= month <= 12:
        problems.append(f"month {month:02d}")
    kinds = ", ".join(f"{t.value} ({t.name.lower().replace('_', ' ')})" for t in EntityType)
    if text[4] not in {t.value for t in EntityType}:
        problems.append(f"entity-type digit {text[4]}, expected {kinds}")
    if text[5] not in {a.value for a in BinAttribute}:
        problems.append(f"attribute digit {text[5]}, expected 0-3")
    problems += _check_digit_problems(text)
    if problems:
        raise InvalidIdentifier("BIN", text, problems)
    return Bin(
        number=text,
        registered=date(year, month, 1),
        entity_type=EntityType(text[4]),
        attribute=BinAttribute(text[5]),
        serial=text[6:11],
    )


def parse_iin_or_bin(value: str | int) -> Iin | Bin:
    """Parse a number of either kind (a supplier's "BIIN").

    The fifth digit tells them apart without ambiguity: in an IIN it is the tens of the day of
    birth (0-3), in a BIN the entity type (4-6). A 7, 8 or 9 there fits neither, and the error
    says so rather than blaming a day of birth that was never meant.
    """
    text = clean(value)
    fifth = text[4:5]
    if fifth in ("4", "5", "6"):
        return parse_bin(text)
    if fifth in ("7", "8", "9"):
        problems = _format_problems(text) or [
            f"fifth digit {fifth} fits neither an IIN (0-3, the tens of the day of birth) "
            "nor a BIN (4-6, the entity type)"
        ]
        raise InvalidIdentifier("IIN/BIN", text, problems)
    return parse_iin(text)


def is_valid_iin(value: str | int) -> bool:
    """True when `value` is a valid IIN (strict: century digit 1-6)."""
    try:
        parse_iin(value)
    except InvalidIdentifier:
        return False
    return True


def is_valid_bin(value: str | int) -> bool:
    """True when `value` is a valid BIN."""
    try:
        parse_bin(value)
    except InvalidIdentifier:
        return False
    return True


def mask_iin(value: str | int, keep: int = 6) -> str:
    """Hide all but the first `keep` digits: ``850101300124`` -> ``850101******``.

    Never fails, whatever `value` is, because it guards what is published and logged: anything
    that is not 12 digits is hidden entirely. The default keeps the date of birth, which
    is itself personal data: pass ``keep=0`` where even that must not be shown.
    """
    text = clean(value)
    if len(text) != LENGTH or not text.isascii() or not text.isdigit():
        return _MASK * len(text)
    return text[:keep] + _MASK * (LENGTH - keep)
