"""Canonical declaration CSV: a folder with one CSV file per section.

`declarations.csv` has one line per declaration (`declaration_id` and the declaration's fields);
`family.csv`, `incomes.csv`, `real_estate.csv`, ... one line per item, `declaration_id` first
(docs/inputs/declarations.md lists the columns). A header may leave out optional columns but may
not name unknown ones. Cells are typed by their column (numbers with a decimal comma or point,
ISO dates, true/false), the lines of a declaration are put together into its canonical document,
and from there the declaration goes the way canonical JSON goes: the same JSON Schema, the same
field issues.

A record is a declaration, a line of `declarations.csv`. An item line whose `declaration_id` is
not in `declarations.csv` is rejected as a record of its own, so nothing is dropped silently.
The set is held in memory while it is read; for millions of declarations use JSON Lines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from adaldyq.ingest.csv_forms import BadLine, Column, read_form, text
from adaldyq.ingest.declaration_rows import (
    SOURCE_PATH,
    Issue,
    NotADeclaration,
    Read,
    Rejected,
    build_rows,
)
from adaldyq.ingest.declaration_values import parse_decimal, parse_flag
from adaldyq.ingest.declarations_canonical import canonical_document, invalid_status_column
from adaldyq.ingest.declarations_export import CSV_NAMES
from adaldyq.ingest.json_stream import Position
from adaldyq.model.declaration_schema import REQUIRED
from adaldyq.model.declarations import DECLARATIONS, ITEM_SECTIONS, Section

SOURCE_FORMAT = "canonical-csv"
Lines = dict[str, tuple[Position, dict[str, Any]]]


def csv_folder(path: Path) -> Path | None:
    """The folder of a canonical CSV set named by `path` (the folder or its declarations.csv)."""
    if path.is_dir() and (path / CSV_NAMES[DECLARATIONS.key]).is_file():
        return path
    if path.name == CSV_NAMES[DECLARATIONS.key] and path.is_file():
        return path.parent
    return None


def _columns(section: Section) -> tuple[Column, ...]:
    required = set(REQUIRED.get(section.key, ("item_id",)))
    head = Column("declaration_id", text)
    rest = (Column(n, text, required=False, optional=n not in required) for n in section.columns)
    return (head, *rest)


def _cell(value: str | None, kind: pa.DataType) -> object:
    if value is None:
        return None
    if kind == pa.float64():
        return parse_decimal(value)
    if kind == pa.int64():
        number = parse_decimal(value)
        if not number.is_integer():
            raise ValueError(f"not a whole number: {value!r}")
        return int(number)
    if kind == pa.bool_():
        return parse_flag(value)
    return value


def _typed(
    section: Section, values: dict[str, Any], where: str, issues: list[Issue]
) -> dict[str, Any]:
    """An item's cells typed by column; a bad cell is nulled with an issue (in the declaration's
    own line, it rejects the declaration)."""
    item: dict[str, Any] = {}
    invalid: list[str] = []
    for name, kind in section.canonical:
        try:
            item[name] = _cell(values.get(name), kind)
        except ValueError as exc:
            if section is DECLARATIONS:
                raise NotADeclaration(name, str(exc)) from None
            issues.append(Issue(f"{where}.{name}", str(exc)))
            item[name] = None
            status = invalid_status_column(name, section.columns)
            if status is not None:
                invalid.append(status)
    item.update(dict.fromkeys(invalid, "invalid"))
    return item


def read_canonical_csv(folder: Path, dataset: str) -> Iterator[Read]:
    """Every declaration of a canonical CSV set, and every item line that belongs to none."""
    declarations: Lines = {}
    for line in read_form(folder / CSV_NAMES[DECLARATIONS.key], _columns(DECLARATIONS)):
        if isinstance(line, BadLine):
            yield Rejected(line.position, None, line.field, line.reason)
            continue
        ident = line.values["declaration_id"]
        if ident in declarations:
            first = declarations[ident][0].label()
            yield Rejected(line.position, ident, "declaration_id", f"also on {first}")
            continue
        declarations[ident] = (line.position, line.values)
    items: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    issues: dict[str, list[Issue]] = defaultdict(list)
    for section in ITEM_SECTIONS:
        path = folder / CSV_NAMES[section.key]
        if not path.is_file():
            continue
        for line in read_form(path, _columns(section)):
            ident = None if isinstance(line, BadLine) else line.values["declaration_id"]
            if isinstance(line, BadLine):
                yield Rejected(line.position, None, line.field, line.reason)
            elif ident not in declarations:
                reason = f"no declaration {ident!r} in {CSV_NAMES[DECLARATIONS.key]}"
                yield Rejected(line.position, ident, "declaration_id", reason)
            else:
                where = f"{path.name}:{line.position.line}"
                item = _typed(section, line.values, where, issues[ident])
                items[ident][section.key].append({**item, SOURCE_PATH: where})
    yield from _declarations(declarations, items, issues, dataset)


def _declarations(
    declarations: Lines,
    items: dict[str, dict[str, list[dict[str, Any]]]],
    issues: dict[str, list[Issue]],
    dataset: str,
) -> Iterator[Read]:
    for ident, (position, values) in declarations.items():
        try:
            head = _typed(DECLARATIONS, values, "", [])
            sections = {key: _without_paths(rows) for key, rows in items[ident].items()}
            document, found = canonical_document({"declaration_id": ident, **head, **sections})
        except NotADeclaration as exc:
            yield Rejected(position, ident, exc.path, str(exc))
            continue
        _restore_paths(document, items[ident])
        yield build_rows(document, dataset, SOURCE_FORMAT, position, issues[ident] + found)


def _without_paths(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != SOURCE_PATH} for row in rows]


def _restore_paths(document: dict[str, Any], items: dict[str, list[dict[str, Any]]]) -> None:
    """Give items back the file:line they came from, so later issues name the CSV line."""
    for key, rows in items.items():
        if len(document.get(key) or []) == len(rows):
            for item, row in zip(document[key], rows, strict=True):
                item[SOURCE_PATH] = row[SOURCE_PATH]
