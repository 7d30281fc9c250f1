"""A canonical declaration document turned into rows of the declaration tables.

Every importer (NACP, canonical JSON, canonical CSV) first builds the canonical document: the
declaration's fields plus one list of flat items per section, with dates as ISO strings (the
form `ingest/schema/declaration.schema.json` describes). The checks that do not depend on the
source happen here, once: currencies normalised to ISO 4217, dates parsed, areas converted to
m², owners resolved to the declarant or a family member. A value that fails is nulled, its
money or area status set to `invalid`, and a field issue recorded with the item's path (the
source's own path when the importer gave one in `_path`), so the rest of the declaration stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from adaldyq.ingest.declaration_values import parse_date
from adaldyq.ingest.json_stream import Position
from adaldyq.model.areas import to_square_metres
from adaldyq.model.currencies import normalise_currency
from adaldyq.model.declarations import (
    DECLARANT,
    DECLARATIONS,
    FAMILY,
    ITEM_SECTIONS,
    RIGHTS,
    SECTIONS,
    Section,
)

Row = dict[str, object]
SOURCE_PATH = "_path"
"""Key an importer may add to an item: the item's path in the source, used by field issues."""


@dataclass(frozen=True, slots=True)
class Issue:
    """A field that could not be read, in a declaration that was still loaded."""

    path: str
    reason: str


@dataclass
class DeclarationRows:
    """One declaration read: its rows per table, and the issues met building them."""

    position: Position
    declaration_id: str
    tables: dict[str, list[Row]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


class NotADeclaration(ValueError):
    """A record that cannot be loaded at all; `path` is where in the record it fails."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record read that cannot be loaded: where, which declaration (if known), and why."""

    position: Position
    declaration_id: str | None
    path: str
    reason: str


Read = DeclarationRows | Rejected
"""What an importer yields for each record it reads."""


def build_rows(
    document: dict[str, Any],
    dataset: str,
    source_format: str,
    position: Position,
    issues: list[Issue],
) -> DeclarationRows:
    """The rows of one canonical document; `issues` met earlier (by the importer) come first."""
    declaration_id = str(document["declaration_id"])
    out = DeclarationRows(position, declaration_id, issues=list(issues))
    head = {"dataset": dataset, "declaration_id": declaration_id}
    declaration = _typed(DECLARATIONS, document, _Where("", out.issues))
    declaration.update(
        source_format=source_format, source_file=position.file, source_line=position.line
    )
    out.tables[DECLARATIONS.table] = [{**head, **declaration}]
    members = {str(m.get("member_id")) for m in document.get(FAMILY.key) or []}
    for section in ITEM_SECTIONS:
        rows = []
        for index, item in enumerate(document.get(section.key) or []):
            where = _Where(f"{section.key}[{index}]", out.issues, item.get(SOURCE_PATH))
            row = {**head, **_typed(section, item, where)}
            _derive(section, row, members, where)
            rows.append(row)
        out.tables[section.table] = rows
    return out


class _Where:
    """Where an item's issues point: the canonical path of the field (`incomes[2].amount`), or
    the item's path in the source with the canonical field named in the reason."""

    def __init__(self, path: str, issues: list[Issue], source_path: object = None) -> None:
        self.path = str(source_path) if source_path else path
        self.in_source = bool(source_path)
        self.issues = issues

    def issue(self, name: str, reason: str) -> None:
        if self.in_source:
            self.issues.append(Issue(self.path, f"{name}: {reason}"))
        else:
            self.issues.append(Issue(f"{self.path}.{name}" if self.path else name, reason))


_COLUMN_KINDS = {
    section.table: tuple(
        (name, kind == pa.date32(), name.endswith("_currency")) for name, kind in section.canonical
    )
    for section in SECTIONS
}
"""Per table, each canonical column: its name, whether it is a date, whether a currency; worked
out once rather than for every item (the import's hottest loop)."""


def _typed(section: Section, item: dict[str, Any], where: _Where) -> Row:
    row: Row = {}
    for name, is_date, is_currency in _COLUMN_KINDS[section.table]:
        value = item.get(name)
        if value is not None and is_date:
            value = _checked(parse_date, value, name, where)
        elif value is not None and is_currency:
            value = _checked(normalise_currency, str(value), name, where)
            if value is None:
                row[f"{name.removesuffix('_currency')}_status"] = "invalid"
        row.setdefault(name, value)
    return row


def _derive(section: Section, row: Row, members: set[str], where: _Where) -> None:
    derived = {name for name, _ in section.derived}
    if "area_m2" in derived:
        row["area_m2"] = _area_m2(row, where)
    if "owner_role" in derived:
        row["owner_role"] = _role(row.get("owner_id"), members, where)
    if section is RIGHTS and row.get("holder_role") == "family":
        holder = row.get("holder_id")
        if str(holder) not in members:
            where.issue("holder_id", f"no family member {holder!r} in the declaration")


def _area_m2(row: Row, where: _Where) -> float | None:
    area, unit = row.get("area"), row.get("area_unit")
    if not isinstance(area, float | int):
        return None
    if unit is None:
        where.issue("area_unit", "area given without its unit")
        row["area_status"] = "invalid"
        return None
    try:
        return to_square_metres(float(area), str(unit))
    except ValueError as exc:
        where.issue("area_unit", str(exc))
        row["area_status"] = "invalid"
        return None


def _role(owner: object, members: set[str], where: _Where) -> str:
    if owner == DECLARANT:
        return "declarant"
    if owner is not None and str(owner) in members:
        return "family"
    where.issue("owner_id", f"owner {owner!r} is neither the declarant nor a family member")
    return "unknown"


def _checked(parse: Callable[[Any], object], value: object, name: str, where: _Where) -> Any:
    try:
        return parse(value)
    except ValueError as exc:
        where.issue(name, str(exc))
        return None
