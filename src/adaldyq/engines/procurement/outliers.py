"""High outliers among per-subject values, as Cardinal flags them (R038, R048).

The per-subject values are computed in the backend; only that one column is pulled to compute
the type-8 quartiles (`cardinal_common.cardinal_fence`), and the filter runs in the backend again,
so only the flagged subjects come back, each with the fence it reached.
"""

from __future__ import annotations

from typing import Any

import ibis.expr.types as ir

from adaldyq.engines.procurement.cardinal_common import cardinal_fence
from adaldyq.engines.procurement.context import RuleContext


def high_outliers(
    ctx: RuleContext, table: ir.Table, column: str, threshold: float | None
) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Rows whose `column` is at or above Q3 + 1.5·IQR (or `threshold`), and the values used.

    Nothing is flagged when there are no subjects or the fence is not above zero: for a count or
    a ratio that cannot be negative, a zero fence means most subjects have none of the thing
    counted, and every one of them would reach it.
    """
    values = [] if threshold is not None else ctx.column(table[column])  # a threshold needs none
    fence, meta = cardinal_fence(values, "upper", threshold, positive_q1=False)
    if fence is None:
        return [], meta
    rows = ctx.rows(table.filter(table[column] >= fence))
    return [{**row, "upper_fence": fence} for row in rows], meta
