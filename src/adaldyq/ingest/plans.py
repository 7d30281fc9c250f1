"""The plan CSV form: lines of annual procurement plans, loaded before any tender exists.

One line per plan line (goszakup's plan point, `PlnPoint`), columns (docs/inputs/plan-lines.md):

| column | value |
|---|---|
| plan_id | unique in the dataset (goszakup: the plan point id) |
| buyer_id | the buyer's id, as `scheme-id` when it should match OCDS buyers (e.g. KZ-BIN-...) |
| buyer_name | may be empty |
| year | the plan's financial year, four digits |
| classification_scheme, classification_id | e.g. KZ-ENSTRU, 331312.100.000000 |
| description | may be empty |
| quantity | greater than 0 |
| unit | unit of measure as written (compared case- and space-insensitively) |
| unit_price | planned price of one unit, not negative |
| currency | ISO 4217, e.g. KZT |
| region, planned_method | optional columns, may be empty |

Plan lines are not processes: the canonical table `plan_lines` has a null `ocid` and is keyed by
dataset and `plan_id`. The reference price list that rule PL01 compares with is a second, smaller
form read here as configuration data (`read_reference_prices`).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from adaldyq.errors import InputError
from adaldyq.ingest.csv_forms import (
    BadLine,
    Column,
    Line,
    currency,
    ingest_form,
    non_negative,
    positive,
    read_all,
    text,
    year,
)
from adaldyq.ingest.report import IngestReport
from adaldyq.store.catalog import Workspace

TABLE = "plan_lines"

PLAN_COLUMNS = (
    Column("plan_id", text),
    Column("buyer_id", text),
    Column("buyer_name", text, required=False),
    Column("year", year),
    Column("classification_scheme", text),
    Column("classification_id", text),
    Column("description", text, required=False),
    Column("quantity", positive),
    Column("unit", text),
    Column("unit_price", non_negative),
    Column("currency", currency),
    Column("region", text, required=False, optional=True),
    Column("planned_method", text, required=False, optional=True),
)

REFERENCE_COLUMNS = (
    Column("classification_scheme", text),
    Column("classification_id", text),
    Column("unit", text),
    Column("currency", currency),
    Column("price", positive),
    Column("source", text, required=False, optional=True),
)
REFERENCE_KEY = ("classification_scheme", "classification_id", "unit", "currency")


class _UniquePlanIds:
    """Rejects a plan_id already loaded in this ingest (it is the subject of findings)."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def __call__(self, line: Line) -> BadLine | None:
        plan_id = line.values["plan_id"]
        if plan_id in self._seen:
            reason = f"duplicate plan_id: first loaded at {self._seen[plan_id]}"
            return BadLine(line.position, "plan_id", reason)
        self._seen[plan_id] = line.position.label()
        return None


def ingest_plan_lines(
    workspace: Workspace, paths: list[Path] | list[str], dataset: str
) -> IngestReport:
    """Load plan CSV files into `plan_lines` of `dataset` (replacing its plan lines only)."""
    return ingest_form(
        workspace,
        [Path(p) for p in paths],
        dataset,
        TABLE,
        PLAN_COLUMNS,
        _UniquePlanIds(),
    )


def read_reference_prices(path: Path | str) -> pa.Table:
    """The reference price list (PL01's `reference_prices`); a bad or repeated line is an error.

    Columns: classification_scheme, classification_id, unit, currency, price, and optionally
    source (where the price comes from, shown in the evidence).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("reference price list not found", path=path)
    rows: list[dict[str, object]] = []
    seen: dict[tuple[object, ...], int | None] = {}
    for line in read_all(path, REFERENCE_COLUMNS):
        key = tuple(line.values[k] for k in REFERENCE_KEY)
        if key in seen:
            message = f"same classification, unit and currency as line {seen[key]}"
            raise InputError(message, path, line.position.line, "classification_id")
        seen[key] = line.position.line
        rows.append({c.name: line.values.get(c.name) for c in REFERENCE_COLUMNS})
    schema = pa.schema(
        [(name, pa.string()) for name in REFERENCE_KEY]
        + [("price", pa.float64()), ("source", pa.string())]
    )
    return pa.Table.from_pylist(rows, schema=schema)
