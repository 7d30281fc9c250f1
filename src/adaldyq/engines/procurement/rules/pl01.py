"""PL01 Planned unit price out of line: a planned price above the reference or the market.

A planned line (plan CSV, or an OCDS item of a process not yet awarded) is flagged when its unit
price is above the reference price of its class by more than the margin, or above the upper
Tukey fence of the class's prices: realised (contract or award) item prices of the dataset and
other buyers' planned prices. See `planning.py` for what is planned, realised and a class.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.planning import (
    PRICE_KEY,
    peer_fences,
    planned_lines,
    realised_items,
    unit_key,
)
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.ingest.plans import read_reference_prices
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EVIDENCE = (
    "plan_id", "source", "buyer_id", "year", "classification_scheme", "classification_id",
    "unit", "currency", "quantity", "unit_price", "reference_price", "reference_source",
    "reference_limit", "history_count", "q1", "q3", "upper_fence", "exceeds",
)  # fmt: skip


class Params(RuleParams):
    reference_prices: str | None = Field(
        None, description="CSV of reference prices (classification, unit, currency, price)."
    )
    reference_margin: float = Field(0.0, ge=0, description="Share above the reference allowed.")
    min_history: int = Field(5, ge=4, description="Comparable prices needed for the fence.")


@rule(
    RuleMeta(
        code="PL01",
        name="Planned unit price out of line",
        subjects=(SubjectType.PLAN_LINE,),
        family="planning",
        params=Params,
        explain="Plan line {plan_id} prices one {unit} of {classification_scheme} "
        "{classification_id} at {unit_price} {currency}, above the {exceeds}.",
    )
)
def planned_price(ctx: RuleContext, params: Params) -> RuleOutput:
    lines = planned_lines(ctx)
    lines = lines.filter(lines.unit_price.notnull() & lines.currency.notnull()).mutate(
        owner=lines.buyer_id.fill_null(lines.line_id)
    )
    history = realised_items(ctx)
    history = history.filter(history.unit_price.notnull() & history.currency.notnull())
    values = history.select(
        *PRICE_KEY, owner=ibis.null().cast("string"), value=history.unit_price
    ).union(lines.select(*PRICE_KEY, "owner", value=lines.unit_price))
    stats = peer_fences(ctx, values, lines, PRICE_KEY, params.min_history)
    j = lines.left_join(stats, [*PRICE_KEY, "owner"])
    j = j.select(
        *lines.columns,
        history_count=stats.n,
        q1=stats.q1,
        q3=stats.q3,
        upper_fence=stats.upper_fence,
    )
    j = _with_reference(j, params)
    above_reference = j.unit_price > j.reference_limit
    above_fence = j.unit_price > j.upper_fence
    hit = j.filter(above_reference.fill_null(False) | above_fence.fill_null(False))
    rows = [_explained(row) for row in ctx.rows(hit.rename(plan_id="line_id"))]
    return RuleOutput(
        flags(rows, SubjectType.PLAN_LINE, "plan_id", "ratio", 1.0, EVIDENCE),
        params.model_dump(),
    )


def _with_reference(lines: ir.Table, params: Params) -> ir.Table:
    """The line's reference price and limit (reference x (1 + margin)); null without a list."""
    if params.reference_prices is None:
        return lines.mutate(
            reference_price=ibis.null().cast("float64"),
            reference_source=ibis.null().cast("string"),
            reference_limit=ibis.null().cast("float64"),
        )
    ref = ibis.memtable(read_reference_prices(params.reference_prices))
    ref = ref.select(
        "classification_scheme",
        "classification_id",
        "currency",
        unit_key=unit_key(ref.unit),
        reference_price=ref.price,
        reference_source=ref.source,
        reference_limit=ref.price * (1 + params.reference_margin),
    )
    j = lines.left_join(ref, list(PRICE_KEY))
    return j.select(*lines.columns, j.reference_price, j.reference_source, j.reference_limit)


def _explained(row: dict[str, Any]) -> dict[str, Any]:
    """The row with `exceeds` (what the price is above, in words) and `ratio` (price / the
    highest yardstick it exceeds)."""
    price, exceeded = row["unit_price"], []
    if row["reference_limit"] is not None and price > row["reference_limit"]:
        exceeded.append(("reference limit", row["reference_limit"]))
    if row["upper_fence"] is not None and price > row["upper_fence"]:
        fence = f"upper fence of {row['history_count']} comparable prices"
        exceeded.append((fence, row["upper_fence"]))
    yardstick = max(limit for _, limit in exceeded)
    words = " and the ".join(f"{name} {round(limit, 2)}" for name, limit in exceeded)
    return {**row, "exceeds": words, "ratio": price / yardstick if yardstick > 0 else None}
