"""The optional inputs of a declarations screening as CSV forms: reference prices, register
extracts, checks (`model/screening_inputs.py`; one page each in docs/inputs).

Each form is read through `csv_forms`, so every line is loaded or rejected with the file, line
and field (read = loaded + rejected), into its table in the declarations' dataset. An input not
given has its table emptied, so a screening never reads what an earlier one was given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from adaldyq.errors import InputError
from adaldyq.ingest.csv_forms import (
    BadLine,
    Check,
    Column,
    Line,
    Parser,
    currency,
    ingest_form,
    number,
    positive,
    text,
    year,
)
from adaldyq.ingest.declaration_values import parse_date
from adaldyq.ingest.report import IngestReport
from adaldyq.model.screening_inputs import (
    CHECKS,
    INPUT_TABLES,
    PRICES,
    REGISTERS,
    SCREENING_INPUTS,
    ScreeningInput,
)
from adaldyq.store.catalog import Workspace


def _choice(*allowed: str) -> Parser:
    def parse(cell: str) -> str:
        if cell not in allowed:
            raise ValueError(f"not one of {', '.join(allowed)}: {cell!r}")
        return cell

    return parse


def _country(cell: str) -> str:
    if not (len(cell) == 2 and cell.isascii() and cell.isalpha()):
        raise ValueError(f"not an ISO 3166-1 alpha-2 country code: {cell!r}")
    return cell.upper()


def _share(cell: str) -> float:
    value = number(cell)
    if not 0 < value <= 100:
        raise ValueError(f"a share in percent, above 0 and at most 100, got {cell!r}")
    return value


def _day(cell: str) -> date:
    return parse_date(cell)


PRICE_COLUMNS = (
    Column("kind", _choice("real_estate", "vehicle")),
    Column("country", _country),
    Column("region", text, required=False),
    Column("property_type", text, required=False),
    Column("brand", text, required=False),
    Column("model", text, required=False),
    Column("made_from", year, required=False, optional=True),
    Column("made_to", year, required=False, optional=True),
    Column("year", year),
    Column("median", positive),
    Column("currency", currency),
    Column("source", text, required=False),
)
REGISTER_COLUMNS = (
    Column("register", _choice("real_estate", "vehicle", "company")),
    Column("person_id", text),
    Column("person_name", text, required=False),
    Column("object", text, required=False),
    Column("property_type", text, required=False),
    Column("area_m2", positive, required=False),
    Column("brand", text, required=False),
    Column("model", text, required=False),
    Column("manufacture_year", year, required=False),
    Column("vin", text, required=False, optional=True),
    Column("plate", text, required=False, optional=True),
    Column("company_code", text, required=False),
    Column("company_name", text, required=False),
    Column("share", _share, required=False),
    Column("held_from", _day),
    Column("held_to", _day, required=False),
    Column("source", text, required=False, optional=True),
)
CHECK_COLUMNS = (
    Column("person_id", text),
    Column("started_on", _day),
    Column("kind", text, required=False),
    Column("reference", text, required=False),
)

NEEDED = {
    "real_estate": ("property_type",),
    "vehicle": ("brand", "model"),
}
"""Columns a price line of each kind cannot do without."""
REGISTER_NEEDS = {
    "real_estate": ("property_type", "area_m2"),
    "vehicle": ("brand", "model"),
    "company": ("company_code",),
}
"""Columns a register line must give to be matched with declared items."""


@dataclass
class _Unique:
    """Rejects a line whose key repeats an earlier one, or that lacks what its kind needs."""

    kind_column: str | None
    needs: Mapping[str, tuple[str, ...]]
    key: tuple[str, ...]

    def __post_init__(self) -> None:
        self._seen: dict[tuple[object, ...], str] = {}

    def __call__(self, line: Line) -> BadLine | None:
        values = line.values
        kind = values[self.kind_column] if self.kind_column else None
        for name in self.needs.get(kind or "", ()):
            if values.get(name) is None:
                return BadLine(line.position, name, f"required value is missing for {kind}")
        problem = _order(values)
        if problem is not None:
            return BadLine(line.position, problem[0], problem[1])
        if not self.key:
            return None
        key = tuple(_folded(values.get(name)) for name in self.key)
        if key in self._seen:
            return BadLine(
                line.position, self.key[-1], f"duplicate line: same key as {self._seen[key]}"
            )
        self._seen[key] = line.position.label()
        return None


def _folded(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def _order(values: Mapping[str, Any]) -> tuple[str, str] | None:
    """A date or year range given backwards."""
    for first, last in (("made_from", "made_to"), ("held_from", "held_to")):
        low, high = values.get(first), values.get(last)
        if low is not None and high is not None and high < low:
            return last, f"ends before it starts: {last} {high} < {first} {low}"
    return None


PRICE_KEY = (
    "kind", "country", "region", "property_type", "brand", "model", "made_from", "made_to", "year",
)  # fmt: skip
"""A reference price is given once per place, object and year."""

FORMS: dict[str, tuple[tuple[Column, ...], Callable[[], Check]]] = {
    PRICES.kind: (PRICE_COLUMNS, lambda: _Unique("kind", NEEDED, PRICE_KEY)),
    REGISTERS.kind: (REGISTER_COLUMNS, lambda: _Unique("register", REGISTER_NEEDS, ())),
    CHECKS.kind: (CHECK_COLUMNS, lambda: _Unique(None, {}, ())),
}
"""Each input's columns and the factory of its line check (a fresh one per ingest)."""


def load_screening_inputs(
    workspace: Workspace, dataset: str, given: Mapping[str, Sequence[Path | str]]
) -> dict[str, IngestReport]:
    """Load each input given (kind -> files) into its table of `dataset`, empty the tables of the
    others; the report of each input loaded. An unknown kind is an InputError."""
    unknown = sorted(set(given) - set(SCREENING_INPUTS))
    if unknown:
        known = ", ".join(SCREENING_INPUTS)
        raise InputError(f"unknown screening input {unknown[0]!r}; known: {known}")
    reports = {}
    for kind, spec in SCREENING_INPUTS.items():
        paths = [Path(p) for p in given.get(kind, ())]
        if paths:
            reports[kind] = _ingest(workspace, dataset, spec, paths)
        else:
            workspace.drop_dataset(dataset, (spec.table,))
    return reports


def _ingest(
    workspace: Workspace, dataset: str, spec: ScreeningInput, paths: list[Path]
) -> IngestReport:
    columns, check_factory = FORMS[spec.kind]
    check: Check = check_factory()
    return ingest_form(workspace, paths, dataset, spec.table, columns, check, INPUT_TABLES)
