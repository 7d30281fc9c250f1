"""Declaration tables of a workspace written back as canonical JSON Lines or canonical CSV.

This is how a NACP import becomes canonical input for another tool, and how the round trip
(canonical in, tables, canonical out) is checked: only the canonical columns are written, not
where a row was read from nor the values derived at import (`area_m2`, `owner_role`).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from adaldyq.errors import NotFound
from adaldyq.model.declarations import DECLARATIONS, ITEM_SECTIONS, Section
from adaldyq.store.catalog import Workspace

CSV_NAMES = {DECLARATIONS.key: "declarations.csv"} | {s.key: f"{s.key}.csv" for s in ITEM_SECTIONS}
"""The file of each section in a canonical CSV set."""


def read_table(workspace: Workspace, section: Section, dataset: str) -> pa.Table:
    """One declaration table of a dataset, every part file in order."""
    folder = workspace.partition_dir(section.table, dataset)
    parts = sorted(folder.glob("*.parquet"))
    if not parts:
        raise NotFound(f"{folder}: no declarations imported into dataset {dataset!r}")
    return pa.concat_tables(pq.read_table(part) for part in parts)


def canonical_documents(workspace: Workspace, dataset: str) -> Iterator[dict[str, Any]]:
    """Every declaration of the dataset as a canonical document, in import order."""
    items: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for section in ITEM_SECTIONS:
        for row in read_table(workspace, section, dataset).to_pylist():
            item = {name: _json_value(row[name]) for name in section.columns}
            items[row["declaration_id"]][section.key].append(item)
    for row in read_table(workspace, DECLARATIONS, dataset).to_pylist():
        declaration_id = row["declaration_id"]
        document = {"declaration_id": declaration_id}
        document |= {name: _json_value(row[name]) for name in DECLARATIONS.columns}
        sections = items.get(declaration_id, {})
        yield document | {s.key: sections.get(s.key, []) for s in ITEM_SECTIONS}


def write_canonical_json(workspace: Workspace, dataset: str, path: Path) -> int:
    """The dataset as canonical JSON Lines; returns the number of declarations written."""
    count = 0
    with path.open("wb") as handle:
        for document in canonical_documents(workspace, dataset):
            handle.write(orjson.dumps(document) + b"\n")
            count += 1
    return count


def write_canonical_csv(workspace: Workspace, dataset: str, folder: Path) -> list[Path]:
    """The dataset as a canonical CSV set: one file per section, `declaration_id` first."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for section in (DECLARATIONS, *ITEM_SECTIONS):
        path = folder / CSV_NAMES[section.key]
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("declaration_id", *section.columns))
            for row in read_table(workspace, section, dataset).to_pylist():
                cells = (row["declaration_id"], *(row[name] for name in section.columns))
                writer.writerow([csv_cell(value) for value in cells])
        written.append(path)
    return written


def csv_cell(value: object) -> str:
    """A value as canonical CSV writes it: empty for null, ISO dates, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_json_value(value))


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value
