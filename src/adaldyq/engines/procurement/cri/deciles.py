"""Deciles over the dataset, defined so DuckDB and Spark put every value in the same decile.

ProACT uses Stata's `xtile, nquantiles(10)`. We fix the edges as Hyndman-Fan type 8 quantiles at
0.1, ..., 0.9 (numpy `median_unbiased`, as Cardinal's quartiles), computed once in Python from the
values the backend returns, and then bucket in the backend with the edges as literals:
decile = 1 + the number of edges strictly below the value. So a value equal to an edge falls in the
lower decile, as in `xtile` (upper bounds inclusive).
"""

from __future__ import annotations

from typing import Any

import ibis.expr.types as ir
import numpy as np
from pydantic import field_validator

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri.base import Component, Risk, lookup
from adaldyq.model.rules import RuleParams

LEVELS = [k / 10 for k in range(1, 10)]


class DecileParams(RuleParams):
    """Risk value (0..1) of each risky decile; deciles not listed carry no risk."""

    risk_by_decile: dict[int, Risk]

    @field_validator("risk_by_decile")
    @classmethod
    def _deciles_1_to_10(cls, value: dict[int, float]) -> dict[int, float]:
        wrong = sorted(k for k in value if not 1 <= k <= 10)
        if wrong:
            raise ValueError(f"deciles are 1..10, got {wrong}")
        return value


def decile_edges(values: list[float]) -> list[float]:
    """The nine type-8 decile edges of `values` (empty when there are no values)."""
    if not values:
        return []
    edges = np.quantile(np.asarray(values, dtype=float), LEVELS, method="median_unbiased")
    return [float(e) for e in edges]


def decile_of(value: ir.NumericValue, edges: list[float]) -> ir.IntegerValue:
    """1..10: one more than the number of edges strictly below `value`."""
    bucket: ir.IntegerValue = value.notnull().cast("int64")  # 1 for any present value
    for edge in edges:
        bucket = bucket + (value > edge).cast("int64")
    return bucket


def decile_component(
    ctx: RuleContext, measured: ir.Table, measure: str, params: DecileParams,
    evidence: tuple[str, ...] = (),
) -> Component:  # fmt: skip
    """A component from a per-process measure: its decile over the dataset, mapped to risk.

    `measured` has `ocid`, the measure (null = missing, so no row) and extra evidence columns.
    """
    present = measured.filter(measured[measure].notnull())
    edges = decile_edges([float(v) for v in ctx.column(present[measure])])
    decile = decile_of(present[measure], edges)
    risk = lookup(decile, params.risk_by_decile).fill_null(0.0)
    table = present.mutate(decile=decile, value=risk, risk=risk)
    meta: dict[str, Any] = {
        "decile_edges": [round(e, 9) for e in edges],
        "risk_by_decile": {str(k): v for k, v in sorted(params.risk_by_decile.items())},
    }
    return Component(
        table,
        (measure, *evidence, "decile", "risk"),
        meta,
        {"risk_by_decile": meta["risk_by_decile"], "decile_edges": meta["decile_edges"]},
    )
