"""A04, A09, A19: one family-unit total of a declaration above an absolute amount.

The amounts are the country's (`model/declaration_amounts.py`): declarations.com.ua's hryvnia
constants for Ukraine (`red_flags.es6`, `excieve/dragnet` @8b69c6f), multiples of the year's MCI
for Kazakhstan; `[declarations.params.<CODE>] threshold` overrides them in the base currency.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import ibis
import pyarrow as pa
from pydantic import Field

from adaldyq.engines.declarations.context import ScreenContext, cents
from adaldyq.engines.declarations.registry import RuleOutput, RuleParams, rule
from adaldyq.engines.declarations.thresholds import yearly_thresholds
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EXPLAIN = "{formula} in the {year} declaration ({currency})."


class AmountParams(RuleParams):
    threshold: float | None = Field(
        None,
        description="In the base currency; unset: the country's default "
        "(`model/declaration_amounts.py`), which may follow the year's MCI.",
    )


def amount_flags(
    ctx: ScreenContext, code: str, total: str, params: AmountParams, inclusive: bool = False
) -> RuleOutput:
    """Declarations whose `total` is above the year's threshold (or at it, when `inclusive`)."""
    thresholds = yearly_thresholds(ctx, code, params.threshold)
    t = ctx.totals.join(thresholds, "year")
    above = t[total] >= t.threshold if inclusive else t[total] > t.threshold
    sign = ">=" if inclusive else ">"
    hit = t.filter(above)
    items = ctx.items(hit, total)
    flags = []
    for row in ctx.rows(hit):
        amount, threshold = cents(row[total]), cents(row["threshold"])
        evidence = {
            total: amount,
            "items": items[row["declaration_id"]],
            "threshold": threshold,
            "threshold_basis": row["threshold_basis"],
            "formula": f"{total} = {amount:.2f} {sign} {threshold:.2f}",
        }
        flags.append(ctx.flag(row, amount, evidence))
    return RuleOutput(flags, params.model_dump())


class A04Params(AmountParams):
    level_only_score: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Score (before the weight) of cash above the threshold that did not grow "
        "by more than the year's income, or has no previous year to compare with.",
    )


@rule(
    RuleMeta(
        code="A04",
        name="Large cash holdings",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A04Params,
        weight=0.3,
        explain=EXPLAIN,
    )
)
def large_cash(ctx: ScreenContext, params: A04Params) -> RuleOutput:
    """Cash above the threshold; at full score when it also grew by more than the year's
    income since the previous declaration (the rule list's "and cash growth > income": savings
    cannot outgrow what came in), at `level_only_score` otherwise."""
    output = amount_flags(ctx, "A04", "cash", params)
    growth = _cash_growth(ctx, output)
    flags = []
    for flag in output.flags:
        evidence = dict(flag.evidence)
        before = growth.get(evidence["declaration_id"])
        grew = before is not None and evidence["cash"] - before["cash"] > before["income"]
        if before is not None:
            change = cents(evidence["cash"] - before["cash"])
            sign = ">" if grew else "<="
            evidence |= {
                "cash_from": before["cash"],
                "year_from": before["year_from"],
                "cash_growth": change,
                "income": before["income"],
            }
            evidence["formula"] += (
                f"; growth {evidence['cash']:.2f} - {before['cash']:.2f} = {change:.2f} "
                f"{sign} income {before['income']:.2f}"
            )
        score = 1.0 if grew else params.level_only_score
        flags.append(replace(flag, score=score, evidence=evidence))
    return RuleOutput(flags, output.meta)


def _cash_growth(ctx: ScreenContext, output: RuleOutput) -> dict[str, dict[str, Any]]:
    """Per flagged declaration with a previous year: that year, its cash, and this year's
    income (family totals in the base currency)."""
    t = ctx.totals
    before = t.select(id_from=t.declaration_id, cash_from=t.cash)
    ids = [flag.evidence["declaration_id"] for flag in output.flags]
    flagged = ibis.memtable(pa.table({"declaration_id": pa.array(ids, pa.string())}))
    pairs = ctx.consecutive.semi_join(flagged, "declaration_id")
    joined = pairs.join(before, "id_from").join(
        t.select("declaration_id", "income"), "declaration_id"
    )
    return {
        row["declaration_id"]: {
            "year_from": row["year_from"],
            "cash": cents(row["cash_from"]),
            "income": cents(row["income"]),
        }
        for row in ctx.rows(joined.select("declaration_id", "year_from", "cash_from", "income"))
    }


@rule(
    RuleMeta(
        code="A09",
        name="Large prize or lottery winnings",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=AmountParams,
        weight=0.6,
        explain=EXPLAIN,
    )
)
def large_prize(ctx: ScreenContext, params: AmountParams) -> RuleOutput:
    return amount_flags(ctx, "A09", "prizes", params, inclusive=True)


@rule(
    RuleMeta(
        code="A19",
        name="Large sums lent to others",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=AmountParams,
        weight=0.4,
        explain=EXPLAIN,
    )
)
def money_lent(ctx: ScreenContext, params: AmountParams) -> RuleOutput:
    return amount_flags(ctx, "A19", "lent", params)
