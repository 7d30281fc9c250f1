"""Canonical declaration tables: one declaration per person and year, one table per section.

A declaration's sections (family, incomes, real estate, ...) are related tables keyed by
`(dataset, declaration_id)`, as OCDS processes are: nothing is flattened away, so a rule can sum
what the family unit holds or follow one item across years. The canonical JSON form
(`ingest/schema/declaration.schema.json`) holds the same fields: a declaration object whose
sections are lists of flat items, each item's keys being its table's `canonical` columns. The
tables add where a row was read from and values derived at import (`area_m2`, `owner_role`).

Money is never converted at import: every money field is three columns, `<name>` (the amount as
declared), `<name>_currency` (ISO 4217) and `<name>_status` (null when the value was given, else
one of `VALUE_STATUSES`), and conversion happens later, through an exchange-rate table given as
data. Owners are `"declarant"` or the `member_id` of a family member of the same declaration.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

STR = pa.string()
F64 = pa.float64()
I64 = pa.int64()
BOOL = pa.bool_()
DATE = pa.date32()

DECLARANT = "declarant"
"""The owner id of the declarant's own items; family members use their `member_id`."""

VALUE_STATUSES = ("masked", "unknown", "not_applicable", "refused", "missing", "invalid")
"""Why a value is absent: masked by the publisher ("[Конфіденційна інформація]"), declared
unknown, not applicable, refused by a family member, left empty, or unreadable (a field issue
names the path and the reason)."""

OWNER_ROLES = ("declarant", "family", "unknown")
"""`unknown`: the owner id names no family member of the declaration (a field issue says so)."""

DECLARATION_TYPES = (
    "annual",
    "candidate",
    "before_dismissal",
    "after_dismissal",
    "change_notice",
    "other",
)


def money(name: str) -> list[tuple[str, pa.DataType]]:
    """The three columns of a money field: amount as declared, ISO 4217 currency, status."""
    return [(name, F64), (f"{name}_currency", STR), (f"{name}_status", STR)]


_OWNED = [("item_id", STR), ("owner_id", STR)]
_ACQUIRED = [("acquired_on", DATE)]
_RIGHT = [("ownership_type", STR), ("ownership_type_raw", STR), ("ownership_share", F64)]
_COUNTERPART = [("kind", STR), ("name", STR), ("code", STR)]


def _prefixed(prefix: str, fields: list[tuple[str, pa.DataType]]) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_{name}", kind) for name, kind in fields]


@dataclass(frozen=True)
class Section:
    """One table: `key` in the canonical JSON (a list of items, or the declaration itself),
    its canonical columns, and the columns derived at import."""

    key: str
    table: str
    canonical: tuple[tuple[str, pa.DataType], ...]
    derived: tuple[tuple[str, pa.DataType], ...] = ()

    @property
    def schema(self) -> pa.Schema:
        head = [("dataset", STR), ("declaration_id", STR)]
        return pa.schema([pa.field(n, t) for n, t in (*head, *self.canonical, *self.derived)])

    @property
    def columns(self) -> tuple[str, ...]:
        """The canonical columns by name: the keys of an item in canonical JSON and CSV."""
        return tuple(name for name, _ in self.canonical)


_OWNER_ROLE = (("owner_role", STR),)

DECLARATIONS = Section(
    "declaration",
    "declarations",
    (
        ("person_id", STR),
        ("person_id_scheme", STR),
        ("last_name", STR),
        ("first_name", STR),
        ("middle_name", STR),
        ("full_name", STR),
        ("position", STR),
        ("body", STR),
        ("region", STR),
        ("country", STR),
        ("year", I64),
        ("declaration_type", STR),
        ("declaration_type_raw", STR),
        ("submitted_on", DATE),
        ("corrected", BOOL),
        ("refused_fields", I64),
    ),
    (("source_format", STR), ("source_file", STR), ("source_line", I64)),
)

FAMILY = Section(
    "family",
    "declaration_family",
    (
        ("member_id", STR),
        ("relation", STR),
        ("relation_raw", STR),
        ("last_name", STR),
        ("first_name", STR),
        ("middle_name", STR),
        ("citizenship", STR),
    ),
)

INCOMES = Section(
    "incomes",
    "declaration_incomes",
    (
        *_OWNED,
        ("income_type", STR),
        ("income_type_raw", STR),
        *_prefixed("source", _COUNTERPART),
        *money("amount"),
        ("received_on", DATE),
    ),
    _OWNER_ROLE,
)

REAL_ESTATE = Section(
    "real_estate",
    "declaration_real_estate",
    (
        *_OWNED,
        ("property_type", STR),
        ("property_type_raw", STR),
        ("under_construction", BOOL),
        ("area", F64),
        ("area_unit", STR),
        ("area_status", STR),
        ("country", STR),
        ("country_raw", STR),
        ("city", STR),
        *money("value"),
        *money("assessed_value"),
        *_ACQUIRED,
        *_RIGHT,
    ),
    (("area_m2", F64), *_OWNER_ROLE),
)

VALUABLES = Section(
    "valuables",
    "declaration_valuables",
    (
        *_OWNED,
        ("valuable_type", STR),
        ("valuable_type_raw", STR),
        ("description", STR),
        ("brand", STR),
        ("manufacturer", STR),
        *money("value"),
        *_ACQUIRED,
        ("acquired_before_office", BOOL),
        *_RIGHT,
    ),
    _OWNER_ROLE,
)

VEHICLES = Section(
    "vehicles",
    "declaration_vehicles",
    (
        *_OWNED,
        ("vehicle_type", STR),
        ("vehicle_type_raw", STR),
        ("brand", STR),
        ("model", STR),
        ("manufacture_year", I64),
        *money("value"),
        *_ACQUIRED,
        *_RIGHT,
    ),
    _OWNER_ROLE,
)

SECURITIES = Section(
    "securities",
    "declaration_securities",
    (
        *_OWNED,
        ("security_type", STR),
        ("security_type_raw", STR),
        *_prefixed("issuer", _COUNTERPART),
        ("issuer_country_raw", STR),
        ("quantity", F64),
        ("share_percent", F64),
        *money("value"),
        *_ACQUIRED,
        *_RIGHT,
    ),
    _OWNER_ROLE,
)

MONETARY_ASSETS = Section(
    "monetary_assets",
    "declaration_monetary_assets",
    (
        *_OWNED,
        ("asset_type", STR),
        ("asset_type_raw", STR),
        *_prefixed("institution", _COUNTERPART),
        *money("amount"),
    ),
    _OWNER_ROLE,
)

LIABILITIES = Section(
    "liabilities",
    "declaration_liabilities",
    (
        *_OWNED,
        ("liability_type", STR),
        ("liability_type_raw", STR),
        *_prefixed("creditor", _COUNTERPART),
        *money("amount"),
        ("arisen_on", DATE),
    ),
    _OWNER_ROLE,
)

EXPENDITURES = Section(
    "expenditures",
    "declaration_expenditures",
    (
        *_OWNED,
        ("expenditure_kind", STR),
        ("action", STR),
        ("action_raw", STR),
        ("subject", STR),
        ("subject_raw", STR),
        ("object_raw", STR),
        *money("amount"),
        ("spent_on", DATE),
        ("country_raw", STR),
    ),
    _OWNER_ROLE,
)

RIGHTS = Section(
    "rights",
    "declaration_rights",
    (
        ("section", STR),
        ("item_id", STR),
        ("holder_id", STR),
        ("holder_role", STR),
        ("holder_kind", STR),
        ("holder_name", STR),
        *_RIGHT,
    ),
)
"""Every holder of a right in an item (co-owners, users, third-party owners), beside the item's
own owner: `holder_role` is `declarant`, `family` or `third_party`."""

ITEM_SECTIONS: tuple[Section, ...] = (
    FAMILY,
    INCOMES,
    REAL_ESTATE,
    VALUABLES,
    VEHICLES,
    SECURITIES,
    MONETARY_ASSETS,
    LIABILITIES,
    EXPENDITURES,
    RIGHTS,
)
SECTIONS: tuple[Section, ...] = (DECLARATIONS, *ITEM_SECTIONS)
SECTION_BY_KEY = {section.key: section for section in ITEM_SECTIONS}
DECLARATION_TABLES: dict[str, pa.Schema] = {s.table: s.schema for s in SECTIONS}
