"""Records in, comparison columns out: what Splink and the exact step compare.

Every key comes from `adaldyq.model.identity`, so resolution decides "same person?" from the one
definition the rest of Adaldyq uses: name parts in `latin_key` form (Тоқаев = Токаев = Tokayev),
the patronymic reduced to the father's-name stem (Кемелұлы = Кемелевич = ``kemel``), addresses as
sorted-token keys, phones in E.164, e-mail mailbox keys, IIN/BIN validated with their check digit.

Keys are computed once per distinct value, not per record: a register of a million people holds
far fewer distinct names and addresses, and the Python parsers are the slow part.

An IIN encodes its holder's birth date. A valid IIN (its check digit catches about 9 in 10
typos) is trusted over a typed date: its date is the one compared, and a record whose written date
differs is marked (``iin_conflict``) so that a link made on it says so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.model.identity.addresses import address_key
from adaldyq.model.identity.companies import parse_company_name
from adaldyq.model.identity.contacts import InvalidContact, parse_email, phone_e164
from adaldyq.model.identity.identifiers import InvalidIdentifier, parse_bin, parse_iin
from adaldyq.model.identity.names import name_keys, parse_person_name
from adaldyq.model.identity.scripts import latin_key

T = TypeVar("T")

PERSON_INPUT = ("record_id", "name", "birth_date", "iin", "address", "country")
"""Columns a person table may hold; `record_id` and `name` are required. A table with the name in
parts (`surname`, `given_name`, `patronymic`) is joined to `name` first (`with_full_name`)."""
COMPANY_INPUT = ("record_id", "name", "bin", "address", "phone", "email", "registration_date")
"""Columns a company table may hold; `record_id` and `name` are required."""
_NAME_PARTS = ("surname", "given_name", "patronymic")


def _per_distinct(
    column: pa.ChunkedArray, compute: Callable[[str], T], kind: pa.DataType
) -> pa.Array:
    """`compute` applied to each distinct non-null value once, then spread back to every row."""
    encoded = column.combine_chunks().dictionary_encode()
    values = [None if v is None else compute(v) for v in encoded.dictionary.to_pylist()]
    return pc.take(pa.array(values, type=kind), encoded.indices)


def _column(table: pa.Table, name: str) -> pa.ChunkedArray:
    """A string column, or nulls when the table does not have it."""
    if name in table.column_names:
        return pc.cast(table[name], pa.string())
    return pa.chunked_array([pa.nulls(table.num_rows, pa.string())])


def _blank_to_null(column: pa.ChunkedArray) -> pa.ChunkedArray:
    trimmed = pc.utf8_trim_whitespace(column)
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)


def with_full_name(table: pa.Table) -> pa.Table:
    """Join `surname`, `given_name` and `patronymic` into `name` where `name` is missing."""
    if not any(part in table.column_names for part in _NAME_PARTS):
        return table
    parts = [pc.fill_null(_column(table, part), "") for part in _NAME_PARTS]
    joined = _blank_to_null(pc.binary_join_element_wise(*parts, " "))
    name = pc.coalesce(_blank_to_null(_column(table, "name")), joined)
    if "name" in table.column_names:
        return table.set_column(table.column_names.index("name"), "name", name)
    return table.append_column("name", name)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _dates(table: pa.Table, name: str) -> pa.ChunkedArray:
    """A date column as ISO text (what Levenshtein levels compare); text input kept as written."""
    if name not in table.column_names:
        return _column(table, name)
    column = table[name]
    if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
        return pc.strftime(pc.cast(column, pa.date32()), format="%Y-%m-%d")
    return _blank_to_null(pc.cast(column, pa.string()))


def person_features(table: pa.Table) -> pa.Table:
    """The comparison columns of a person table (see the module docstring)."""
    table = with_full_name(table)
    names = _column(table, "name")
    keys = _per_distinct(names, _keys_row, _NAME_KEYS)
    iin = _blank_to_null(_column(table, "iin"))
    iin_date = _per_distinct(iin, _iin_date, pa.string())
    stated = _dates(table, "birth_date")
    # "" (a valid IIN of unknown century) says nothing about the date
    encoded = pc.if_else(pc.equal(iin_date, ""), pa.scalar(None, pa.string()), iin_date)
    # null (no IIN or no written date) counts as no conflict
    conflict = pc.fill_null(pc.not_equal(encoded, stated), False)
    full_name = _either_order(keys.field("surname"), keys.field("given"))
    return pa.table(
        {
            "unique_id": _column(table, "record_id"),
            "name": names,
            "surname": keys.field("surname"),
            "given": keys.field("given"),
            "given_initial": keys.field("given_initial"),
            "patronymic_stem": keys.field("patronymic_stem"),
            "patronymic_initial": keys.field("patronymic_initial"),
            # how common a name is decides how much its agreement weighs (Splink's term frequency)
            "full_name_key": full_name,
            # candidates whose names are garbled beyond equal keys but whose birth dates agree
            "initials_key": _either_order(
                pc.utf8_slice_codeunits(keys.field("surname"), 0, 1), keys.field("given_initial")
            ),
            "birth_date": pc.coalesce(encoded, stated),
            "iin": pc.if_else(pc.is_valid(iin_date), iin, pa.scalar(None, pa.string())),
            "iin_conflict": conflict,
            "address_key": _per_distinct(_column(table, "address"), _address, pa.string()),
            "country": pc.utf8_lower(_blank_to_null(_column(table, "country"))),
        }
    )


def _either_order(first: pa.Array, second: pa.Array) -> pa.Array:
    """The two keys sorted and joined, null if either is: the same for "Нина Юн" read as given
    name first or as surname first, as a two-word name without patronymic often is."""
    ordered = pc.less_equal(first, second)
    return pc.binary_join_element_wise(
        pc.if_else(ordered, first, second), pc.if_else(ordered, second, first), " "
    )


_NAME_FIELDS = ("surname", "given", "given_initial", "patronymic_stem", "patronymic_initial")
_NAME_KEYS = pa.struct([(field, pa.string()) for field in _NAME_FIELDS])


def _keys_row(name: str) -> dict[str, str | None]:
    keys = name_keys(name)
    patronymic = parse_person_name(name).patronymic
    return {
        "surname": keys.surname,
        "given": keys.given,
        "given_initial": keys.given_initial,
        "patronymic_stem": keys.patronymic_stem,
        # "Иванов И.И." names its father by one letter: enough to find candidates, not to decide
        "patronymic_initial": latin_key(patronymic)[:1] or None if patronymic else None,
    }


def _address(text: str) -> str | None:
    # A postcode written on one side only would make the keys differ (addresses.py's limits).
    return address_key(text, postcode=False) or None


def _or_none(parse: Callable[[str], T | None]) -> Callable[[str], T | None]:
    """`parse`, reading a value the identity parsers reject as missing: an invalid identifier or
    contact is no evidence either way."""

    def parsed(text: str) -> T | None:
        try:
            return parse(text)
        except (InvalidIdentifier, InvalidContact):
            return None

    return parsed


_bin = _or_none(lambda text: parse_bin(text).number)
_phone = _or_none(phone_e164)
_email = _or_none(lambda text: parse_email(text).key)
# the domain when it is an organisation's own: two firms on gmail.com share nothing
_email_domain = _or_none(lambda text: None if (e := parse_email(text)).free_mail else e.domain)
# the birth date an IIN encodes, "" for a valid IIN without one, None for an invalid IIN
_iin_date = _or_none(lambda text: _iso(parse_iin(text).birth_date) or "")


_COMPANY_NAME = pa.struct([("name_key", pa.string()), ("legal_form", pa.string())])


def _company_name(text: str) -> dict[str, str | None]:
    parsed = parse_company_name(text)
    return {"name_key": parsed.latin or None, "legal_form": parsed.legal_form}


def company_features(table: pa.Table) -> pa.Table:
    """The comparison columns of a company table: name key and legal form apart, BIN, address,
    phone, e-mail (mailbox and own domain), registration date."""
    names = _column(table, "name")
    parsed = _per_distinct(names, _company_name, _COMPANY_NAME)
    emails = _blank_to_null(_column(table, "email"))
    return pa.table(
        {
            "unique_id": _column(table, "record_id"),
            "name": names,
            "name_key": parsed.field("name_key"),
            "legal_form": parsed.field("legal_form"),
            "bin": _per_distinct(_blank_to_null(_column(table, "bin")), _bin, pa.string()),
            "address_key": _per_distinct(_column(table, "address"), _address, pa.string()),
            "phone": _per_distinct(_blank_to_null(_column(table, "phone")), _phone, pa.string()),
            "email_key": _per_distinct(emails, _email, pa.string()),
            "email_domain": _per_distinct(emails, _email_domain, pa.string()),
            "registration_date": _dates(table, "registration_date"),
        }
    )
