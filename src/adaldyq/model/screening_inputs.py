"""Optional inputs of a declarations screening: tables beside the declarations that some rules need.

A11 compares declared prices with reference medians, A17 declared assets with the state's
registers, A21 corrected filings with the checks started on a person. None of these comes with a
declaration, so each is a documented CSV form (`docs/inputs/`) given to `adaldyq declarations
screen`, loaded into the dataset's tables beside the declarations, and read by the rules as Ibis
tables. A rule whose input was not given is not run, and the run says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from adaldyq.model.declarations import DATE, F64, I64, STR


@dataclass(frozen=True)
class ScreeningInput:
    """One optional input: its `kind` (the `--<kind>` option), its table and its form's page."""

    kind: str
    table: str
    columns: tuple[tuple[str, pa.DataType], ...]
    doc: str
    what: str

    @property
    def schema(self) -> pa.Schema:
        head = [("dataset", STR), ("source_file", STR), ("source_line", I64)]
        return pa.schema([pa.field(n, t) for n, t in (*head, *self.columns)])


PRICES = ScreeningInput(
    "prices",
    "declaration_reference_prices",
    (
        ("kind", STR),
        ("country", STR),
        ("region", STR),
        ("property_type", STR),
        ("brand", STR),
        ("model", STR),
        ("made_from", I64),
        ("made_to", I64),
        ("year", I64),
        ("median", F64),
        ("currency", STR),
        ("source", STR),
    ),
    "docs/inputs/reference-prices.md",
    "reference prices (median per m² of real estate, per vehicle of a model)",
)

REGISTERS = ScreeningInput(
    "registers",
    "declaration_registers",
    (
        ("register", STR),
        ("person_id", STR),
        ("person_name", STR),
        ("object", STR),
        ("property_type", STR),
        ("area_m2", F64),
        ("brand", STR),
        ("model", STR),
        ("manufacture_year", I64),
        ("vin", STR),
        ("plate", STR),
        ("company_code", STR),
        ("company_name", STR),
        ("share", F64),
        ("held_from", DATE),
        ("held_to", DATE),
        ("source", STR),
    ),
    "docs/inputs/registers.md",
    "register extracts (real estate, vehicles, company ownership)",
)

CHECKS = ScreeningInput(
    "checks",
    "declaration_checks",
    (("person_id", STR), ("started_on", DATE), ("kind", STR), ("reference", STR)),
    "docs/inputs/checks.md",
    "checks started on declarants",
)

SCREENING_INPUTS: dict[str, ScreeningInput] = {i.kind: i for i in (PRICES, REGISTERS, CHECKS)}
INPUT_TABLES: dict[str, pa.Schema] = {i.table: i.schema for i in SCREENING_INPUTS.values()}


def not_given(kinds: Sequence[str]) -> str:
    """Why a rule, or part of one, did not run: its inputs and the options that give them."""
    listed = "; ".join(f"{SCREENING_INPUTS[k].what} (--{k})" for k in kinds)
    return f"not run: no {listed} given"
