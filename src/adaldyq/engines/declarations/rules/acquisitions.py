"""A03: the year's acquisitions cost more than the household earned in the three years before.

Russia's 230-FZ art. 3 (DECLARATIONS.md §2) requires an expense declaration when the total of a
year's acquisitions (land, other real estate, vehicles, securities) exceeds the official's and
spouse's income over the three preceding years; here the family unit's, in the base currency:

    acquisitions(t) = property acquired in year t (real estate, vehicles, valuables, securities)
                      at cost, at the family's part
    flag when acquisitions(t) > income(t-1) + income(t-2) + income(t-3)

A person is compared only when all three preceding years were declared: a missing year is not
read as no income.
"""

from __future__ import annotations

from typing import Any

import ibis.expr.types as ir

from adaldyq.engines.declarations.context import ScreenContext, cents
from adaldyq.engines.declarations.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

PRECEDING = 3


def _acquired(ctx: ScreenContext) -> ir.Table:
    """Property lines acquired in their declaration's year, in the base currency."""
    lines = ctx.lines
    return lines.filter(
        (lines.group == "property")
        & lines.base.notnull()
        & (lines.acquired_on.year() == lines.year)
    )


@rule(
    RuleMeta(
        code="A03",
        name="Acquisitions above three years of income",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        weight=0.8,
        explain="{formula} in the {year} declaration ({currency}).",
    )
)
def acquisitions_above_income(ctx: ScreenContext, params: RuleParams) -> RuleOutput:
    acquired = _acquired(ctx)
    sums = acquired.group_by("declaration_id").aggregate(acquisitions=acquired.base.sum())
    t = ctx.totals.join(sums, "declaration_id")
    incomes = ctx.totals.select("person_id", "year", "income")
    joined = t
    for back in range(1, PRECEDING + 1):
        earlier = incomes.select(
            person=incomes.person_id,
            **{f"year_{back}": incomes.year, f"income_{back}": incomes.income},
        )
        joined = joined.join(
            earlier,
            [joined.person_id == earlier.person, joined.year - back == earlier[f"year_{back}"]],
        ).drop("person")
    earned = sum((joined[f"income_{k}"] for k in range(2, PRECEDING + 1)), joined.income_1)
    hit = joined.filter(joined.acquisitions > earned)
    items = ctx.line_items(hit, acquired)
    flags = []
    for row in ctx.rows(hit):
        evidence = _evidence(row)
        evidence["items"] = items[row["declaration_id"]]
        flags.append(ctx.flag(row, evidence["acquisitions"], evidence))
    return RuleOutput(flags, params.model_dump())


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    years = [row[f"year_{k}"] for k in range(1, PRECEDING + 1)]
    incomes = [cents(row[f"income_{k}"]) for k in range(1, PRECEDING + 1)]
    acquisitions, earned = cents(row["acquisitions"]), cents(sum(incomes))
    terms = " + ".join(
        f"{amount:.2f} ({year})" for amount, year in zip(incomes, years, strict=True)
    )
    return {
        "acquisitions": acquisitions,
        "incomes": dict(zip(map(str, years), incomes, strict=True)),
        "income_before": earned,
        "formula": f"acquisitions {acquisitions:.2f} > income {terms} = {earned:.2f}",
    }
