"""PL02 Planned quantity far above history: a buyer plans much more of a class than ever before.

Per buyer, class and year, the planned quantity (sum of planned lines) is compared with the
buyer's own history, each earlier year counted once at the larger of its planned and realised
quantity, and with the other buyers' planned quantities of that class and year (one total per
buyer, so a buyer with many small lines weighs as much as one with a single line). Flagged when
it exceeds `history_factor` x the largest earlier year and, where there are enough peers, the
peers' upper Tukey fence. Every planned line of a flagged buyer, class and year is a finding.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from pydantic import Field

from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.planning import (
    CLASS_KEY,
    peer_fences,
    planned_lines,
    realised_items,
)
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

GROUP = ("buyer_id", *CLASS_KEY, "year")
DIGITS = 6  # quantity sums are rounded so DuckDB and Spark sum orders compare equal
EVIDENCE = (
    "plan_id", "source", "buyer_id", "year", "classification_scheme", "classification_id", "unit",
    "quantity", "year_quantity", "history_max", "history_factor", "history", "peer_count",
    "peer_q1", "peer_q3", "peer_upper_fence",
)  # fmt: skip


class Params(RuleParams):
    history_factor: float = Field(2.0, gt=1, description="Times the largest earlier year.")
    min_peers: int = Field(5, ge=4, description="Other buyers needed for the peer fence.")


@rule(
    RuleMeta(
        code="PL02",
        name="Planned quantity far above history",
        subjects=(SubjectType.PLAN_LINE,),
        family="planning",
        params=Params,
        explain="Buyer {buyer_id} plans {year_quantity} {unit} of {classification_scheme} "
        "{classification_id} in {year}, more than {history_factor} times its largest earlier "
        "year ({history_max}).",
    )
)
def planned_quantity(ctx: RuleContext, params: Params) -> RuleOutput:
    lines = planned_lines(ctx)
    lines = lines.filter(lines.buyer_id.notnull() & lines.year.notnull() & lines.quantity.notnull())
    annual = _annual(lines)
    history = _history(ctx, annual)
    previous = history.rename(h_year="year", h_quantity="year_quantity")
    j = annual.join(previous, [*GROUP[:-1], previous.h_year < annual.year])
    past = j.group_by(*GROUP).agg(history_max=j.h_quantity.max())
    grown = annual.join(past, list(GROUP))
    grown = grown.filter(grown.year_quantity > grown.history_max * params.history_factor)
    peers = annual.select(*CLASS_KEY, "year", owner=annual.buyer_id, value=annual.year_quantity)
    targets = grown.select(*CLASS_KEY, "year", owner=grown.buyer_id)
    stats = peer_fences(ctx, peers, targets, (*CLASS_KEY, "year"), params.min_peers)
    s = stats.rename(buyer_id="owner")
    k = grown.left_join(s, list(GROUP))
    k = k.select(
        *grown.columns, peer_count=s.n, peer_q1=s.q1, peer_q3=s.q3, peer_upper_fence=s.upper_fence
    )
    k = k.filter(k.peer_upper_fence.isnull() | (k.year_quantity > k.peer_upper_fence))
    hit = lines.join(k, list(GROUP)).select(
        *k.columns, plan_id=lines.line_id, source=lines.source, unit=lines.unit,
        quantity=lines.quantity,
    )  # fmt: skip
    rows = _with_history(ctx, ctx.rows(hit), history, params)
    return RuleOutput(
        flags(rows, SubjectType.PLAN_LINE, "plan_id", "ratio", 1.0, EVIDENCE),
        params.model_dump(),
    )


def _annual(lines: ir.Table) -> ir.Table:
    """Planned quantity per buyer, class and year."""
    return lines.group_by(*GROUP).agg(year_quantity=lines.quantity.sum().round(DIGITS))


def _history(ctx: RuleContext, annual: ir.Table) -> ir.Table:
    """Each year of each buyer and class once: the larger of planned and realised quantity."""
    r = realised_items(ctx)
    r = r.filter(r.buyer_id.notnull() & r.year.notnull() & r.quantity.notnull())
    realised = r.group_by(*GROUP).agg(year_quantity=r.quantity.sum().round(DIGITS))
    both = annual.union(realised)
    return both.group_by(*GROUP).agg(year_quantity=both.year_quantity.max())


def _with_history(
    ctx: RuleContext, rows: list[dict[str, Any]], history: ir.Table, params: Params
) -> list[dict[str, Any]]:
    """Rows with the earlier years as evidence ({year: quantity}) and the growth ratio."""
    if not rows:
        return rows
    key_columns = list(GROUP[:-1])
    wanted = history.select(*key_columns).schema().to_pyarrow()
    keys = ibis.memtable(pa.Table.from_pylist(rows, schema=wanted)).distinct()
    found: dict[tuple[Any, ...], dict[int, float]] = defaultdict(dict)
    for h in ctx.rows(history.semi_join(keys, key_columns)):
        found[tuple(h[k] for k in key_columns)][h["year"]] = h["year_quantity"]
    out = []
    for row in rows:
        years = found[tuple(row[k] for k in GROUP[:-1])]
        earlier = {str(y): q for y, q in sorted(years.items()) if y < row["year"]}
        ratio = row["year_quantity"] / row["history_max"] if row["history_max"] > 0 else None
        out.append(
            {**row, "history": earlier, "history_factor": params.history_factor, "ratio": ratio}
        )
    return out
