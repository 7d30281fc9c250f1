"""A05-A08: a declaration's money out of proportion to its income (declarations.com.ua's flags).

Each compares two family-unit totals of one annual declaration in the base currency, with the
constants of declarations.com.ua's `red_flags.es6` (`excieve/dragnet` @8b69c6f) as defaults.
A ratio needs a positive denominator: a declaration with no income (and, for A06 and A07, no
money either) is not compared, since a ratio to zero says nothing a person can check.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adaldyq.engines.declarations.context import ScreenContext, cents
from adaldyq.engines.declarations.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EXPLAIN = "{formula} in the {year} declaration ({currency})."


class RatioParams(RuleParams):
    ratio: float


def ratio_flags(
    ctx: ScreenContext,
    numerator: str,
    denominator: Sequence[str],
    params: RatioParams,
) -> RuleOutput:
    """Declarations where `numerator` > ratio * the sum of the `denominator` totals."""
    t = ctx.totals
    below = sum((t[name] for name in denominator[1:]), t[denominator[0]])
    hit = t.filter((below > 0) & (t[numerator] > params.ratio * below))
    items = ctx.items(hit, numerator)
    flags = []
    for row in ctx.rows(hit):
        top, parts = cents(row[numerator]), [cents(row[name]) for name in denominator]
        bottom = cents(sum(parts))
        ratio = top / bottom
        names, sums = _sum_text(denominator), _sum_text([f"{part:.2f}" for part in parts])
        formula = f"{numerator} / {names} = {top:.2f} / {sums} = {ratio:.2f} > {params.ratio:g}"
        evidence: dict[str, Any] = {numerator: top, **dict(zip(denominator, parts, strict=True))}
        evidence |= {"ratio": round(ratio, 6), "threshold": params.ratio, "formula": formula}
        evidence["items"] = items[row["declaration_id"]]
        flags.append(ctx.flag(row, ratio, evidence))
    return RuleOutput(flags, params.model_dump())


def _sum_text(terms: Sequence[str]) -> str:
    """Terms joined by +, in parentheses when there are several."""
    return f"({' + '.join(terms)})" if len(terms) > 1 else terms[0]


class A05Params(RatioParams):
    ratio: float = 10.0


@rule(
    RuleMeta(
        code="A05",
        name="Monetary assets far above income",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A05Params,
        weight=0.5,
        explain=EXPLAIN,
    )
)
def assets_to_income(ctx: ScreenContext, params: A05Params) -> RuleOutput:
    return ratio_flags(ctx, "monetary_assets", ("income",), params)


class A06Params(RatioParams):
    ratio: float = 3.0


@rule(
    RuleMeta(
        code="A06",
        name="Spending far above income and savings",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A06Params,
        weight=0.8,
        explain=EXPLAIN,
    )
)
def spending_to_means(ctx: ScreenContext, params: A06Params) -> RuleOutput:
    return ratio_flags(ctx, "expenditures", ("income", "monetary_assets"), params)


class A07Params(RatioParams):
    ratio: float = 2.0


@rule(
    RuleMeta(
        code="A07",
        name="Liabilities far above income and savings",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A07Params,
        weight=0.4,
        explain=EXPLAIN,
    )
)
def liabilities_to_means(ctx: ScreenContext, params: A07Params) -> RuleOutput:
    return ratio_flags(ctx, "liabilities", ("income", "monetary_assets"), params)


class A08Params(RatioParams):
    ratio: float = 0.5


@rule(
    RuleMeta(
        code="A08",
        name="Gifts, prizes and charity make most of the income",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A08Params,
        weight=0.6,
        explain=EXPLAIN,
    )
)
def gifts_to_income(ctx: ScreenContext, params: A08Params) -> RuleOutput:
    return ratio_flags(ctx, "gifts", ("income",), params)
