"""A04, A09, A19: one family-unit total of a declaration above an absolute amount.

Defaults are declarations.com.ua's constants (`red_flags.es6`, `excieve/dragnet` @8b69c6f), in
hryvnias: they are amounts in the base currency, so a country other than Ukraine sets its own
in `[declarations.params.<CODE>]`.
"""

from __future__ import annotations

from adaldyq.engines.declarations.context import ScreenContext, cents
from adaldyq.engines.declarations.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EXPLAIN = "{formula} in the {year} declaration ({currency})."


class AmountParams(RuleParams):
    threshold: float


def amount_flags(
    ctx: ScreenContext, total: str, params: AmountParams, inclusive: bool = False
) -> RuleOutput:
    """Declarations whose `total` is above the threshold (or at it, when `inclusive`)."""
    t = ctx.totals
    above = t[total] >= params.threshold if inclusive else t[total] > params.threshold
    sign = ">=" if inclusive else ">"
    hit = t.filter(above)
    items = ctx.items(hit, total)
    flags = []
    for row in ctx.rows(hit):
        amount = cents(row[total])
        evidence = {
            total: amount,
            "items": items[row["declaration_id"]],
            "threshold": params.threshold,
            "formula": f"{total} = {amount:.2f} {sign} {params.threshold:.2f}",
        }
        flags.append(ctx.flag(row, amount, evidence))
    return RuleOutput(flags, params.model_dump())


class A04Params(AmountParams):
    threshold: float = 500_000.0


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
    return amount_flags(ctx, "cash", params)


class A09Params(AmountParams):
    threshold: float = 10_000.0


@rule(
    RuleMeta(
        code="A09",
        name="Large prize or lottery winnings",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A09Params,
        weight=0.6,
        explain=EXPLAIN,
    )
)
def large_prize(ctx: ScreenContext, params: A09Params) -> RuleOutput:
    return amount_flags(ctx, "prizes", params, inclusive=True)


class A19Params(AmountParams):
    threshold: float = 300_000.0


@rule(
    RuleMeta(
        code="A19",
        name="Large sums lent to others",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A19Params,
        weight=0.4,
        explain=EXPLAIN,
    )
)
def money_lent(ctx: ScreenContext, params: A19Params) -> RuleOutput:
    return amount_flags(ctx, "lent", params)
