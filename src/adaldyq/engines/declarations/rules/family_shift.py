"""A20: the family members' wealth grows beyond their own income while the declarant's does not
(DECLARATIONS.md §6; issue 4: "ownership moved to family members", "assets held by family
members far above their own incomes").

On consecutive annual declarations (t0, t1 = t0 + 1), in the base currency at each year's rate:

    family growth   = W_family(t1) - W_family(t0),  W = property at cost + money - debts
                      of the items whose owner is a family member
    unexplained     = family growth - the family members' own income(t1)
    flag when unexplained > floor(t1) (A01's: the country's, or the settings') and the
    declarant's W did not grow

An item is the family member's when they are its owner in the declaration (its own owner, not
its co-owners: a joint item counts, at the family's part, for the owner listed).
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.declarations.context import ScreenContext, cents
from adaldyq.engines.declarations.registry import RuleOutput, RuleParams, rule
from adaldyq.engines.declarations.rules.net_worth import STOCKS, skipped_years, year_pairs
from adaldyq.engines.declarations.thresholds import yearly_thresholds
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class A20Params(RuleParams):
    floor: float | None = Field(
        None, description="In the base currency; unset: the country's (as A01's)."
    )


def _by_owner(ctx: ScreenContext) -> ir.Table:
    """Per declaration: the family members' and the declarant's wealth, the members' income."""
    lines = ctx.lines
    signed = ibis.ifelse(lines.group == "liability", -lines.base, lines.base)
    stock = lines.group.isin(STOCKS)
    family = lines.owner_role == "family"
    sums = lines.group_by("declaration_id").aggregate(
        family_wealth=signed.sum(where=stock & family),
        declarant_wealth=signed.sum(where=stock & (lines.owner_role == "declarant")),
        family_income=lines.base.sum(where=(lines.group == "income") & family),
    )
    names = ("family_wealth", "declarant_wealth", "family_income")
    return sums.mutate(**{name: sums[name].fill_null(0.0) for name in names})


@rule(
    RuleMeta(
        code="A20",
        name="Family members' wealth grows, the declarant's does not",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A20Params,
        weight=0.6,
        explain="{formula} from {year_from} to {year} ({currency}).",
    )
)
def family_wealth_jump(ctx: ScreenContext, params: A20Params) -> RuleOutput:
    pairs = year_pairs(ctx).select("declaration_id", "person_id", "year", "year_from", "id_from")
    floors = yearly_thresholds(ctx, "A20", params.floor, name="floor")
    pairs = pairs.join(floors, "year")
    owners = _by_owner(ctx)
    before = owners.select(
        id_from="declaration_id",
        family_wealth_from="family_wealth",
        declarant_wealth_from="declarant_wealth",
    )
    joined = pairs.join(owners, "declaration_id").join(before, "id_from")
    growth = joined.family_wealth - joined.family_wealth_from
    flat = joined.declarant_wealth - joined.declarant_wealth_from <= 0
    hit = joined.filter((growth - joined.family_income > joined.floor) & flat)
    flags = [ctx.flag(row, *_evidence(row)) for row in ctx.rows(hit)]
    meta = {**params.model_dump(), "years_without_minimum": skipped_years(ctx)}
    return RuleOutput(flags, meta)


def _evidence(row: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    n = {
        name: cents(row[name])
        for name in (
            "family_wealth_from", "family_wealth", "declarant_wealth_from", "declarant_wealth",
            "family_income", "floor",
        )
    }  # fmt: skip
    growth = cents(n["family_wealth"] - n["family_wealth_from"])
    declarant = cents(n["declarant_wealth"] - n["declarant_wealth_from"])
    unexplained = cents(growth - n["family_income"])
    formula = (
        f"family growth ({n['family_wealth']:.2f} - {n['family_wealth_from']:.2f}) - family "
        f"income {n['family_income']:.2f} = {unexplained:.2f} > floor {n['floor']:.2f}, "
        f"declarant growth {declarant:.2f} <= 0"
    )
    evidence = {
        **n,
        "family_growth": growth,
        "declarant_growth": declarant,
        "unexplained": unexplained,
        "threshold": n["floor"],
        "threshold_basis": row["floor_basis"],
        "year_from": row["year_from"],
        "declaration_from": row["id_from"],
        "formula": formula,
    }
    return unexplained, evidence
