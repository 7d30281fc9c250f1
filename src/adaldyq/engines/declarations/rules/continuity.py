"""A16: an asset the family owned at the end of t0 that it no longer owns at the end of t1 = t0 + 1,
with no sale declared in t1 (DECLARATIONS.md §1, asset continuity).

Items are followed across years by what they are, not by their ids (a new declaration gives
new ids): real estate by type and area (to 0.1 m²), vehicles by brand, model and year of
manufacture, case and spacing ignored. An asset still declared in t1 but only as used or
rented counts as gone from the family: that is how a transfer to a nominee often shows. A sale
is an income of the right kind in t1 (`sale_real_estate`, `sale_movable`) or a declared end of
rights (`rights_ended`) of the same subject; one such sale explains every asset of its kind.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from adaldyq.engines.declarations.context import ScreenContext
from adaldyq.engines.declarations.money import family_owned
from adaldyq.engines.declarations.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

SALES = {"real_estate": "sale_real_estate", "vehicles": "sale_movable"}
ENDED = {"real_estate": "real_estate", "vehicles": "movable"}
"""The expenditure `subject` of an end of rights in each section."""


def _keyed(ctx: ScreenContext, section: str) -> ir.Table:
    """Family-owned items of a section with their identity `key` and a description."""
    items = ctx.table(f"declaration_{section}")
    owned = items.filter(family_owned(items))
    if section == "real_estate":
        key = owned.property_type.concat(":", owned.area_m2.round(1).cast("string"))
        label = owned.property_type.concat(" ", owned.area_m2.cast("string"), " m2")
    else:
        key = ibis.literal(":").join(
            [
                owned.brand.lower().strip(),
                owned.model.lower().strip(),
                owned.manufacture_year.cast("string"),
            ]
        )
        label = ibis.literal(" ").join(
            [owned.brand, owned.model, owned.manufacture_year.cast("string")]
        )
    keyed = owned.select("declaration_id", "item_id", "value", key=key, asset=label)
    return keyed.filter(keyed.key.notnull())


def _explained(ctx: ScreenContext, section: str) -> ir.Table:
    """t1 declarations with a sale, or an end of rights, of the section's kind."""
    incomes = ctx.table("declaration_incomes")
    sold = incomes.filter(incomes.income_type == SALES[section]).select("declaration_id")
    spent = ctx.table("declaration_expenditures")
    ended = spent.filter((spent.action == "rights_ended") & (spent.subject == ENDED[section]))
    return ibis.union(sold, ended.select("declaration_id"), distinct=True)


@rule(
    RuleMeta(
        code="A16",
        name="Asset gone with no sale",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        weight=0.7,
        explain="{formula} between the {year_from} and {year} declarations.",
    )
)
def asset_gone_without_sale(ctx: ScreenContext, params: RuleParams) -> RuleOutput:
    pairs = ctx.consecutive.select("declaration_id", "id_from", "year_from")
    gone = []
    for section in SALES:
        items = _keyed(ctx, section)
        before = items.join(pairs, items.declaration_id == pairs.id_from).select(
            pairs.declaration_id, pairs.year_from, items.item_id, items.key, items.asset,
            items.value, declaration_from=pairs.id_from,
        )  # fmt: skip
        after = items.select("declaration_id", "key")
        vanished = before.anti_join(after, ["declaration_id", "key"])
        unsold = vanished.anti_join(_explained(ctx, section), "declaration_id")
        gone.append(unsold.mutate(section=ibis.literal(section)))
    fields = ("section", "item_id", "asset", "value", "declaration_from", "year_from")
    flags = ctx.item_flags(ibis.union(*gone), fields, _formula)
    for flag in flags:  # every item of a flag comes from the same t0 declaration
        first = flag.evidence["items"][0]
        flag.evidence.update(
            year_from=first["year_from"], declaration_from=first["declaration_from"]
        )
    return RuleOutput(flags, params.model_dump())


def _formula(count: int, _head: dict[str, Any]) -> str:
    return f"{count} asset(s) owned before and not after, with no sale declared"
