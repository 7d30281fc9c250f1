"""A10, A12, A14, A15, A18: items of a declaration that call for an explanation by their kind,
not by their amount (declarations.com.ua's flags, `excieve/dragnet` @8b69c6f `red_flags.es6`).

Each flag lists the items that raised it; its value is their number.
"""

from __future__ import annotations

from typing import Any

import ibis

from adaldyq.engines.declarations.context import ScreenContext, cents
from adaldyq.engines.declarations.money import FAMILY_ROLES, PAYMENTS, family_owned
from adaldyq.engines.declarations.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EXPLAIN = "{formula} in the {year} declaration."
NO_COST_STATUSES = ("missing", "unknown", "not_applicable")
"""A cost left empty, declared unknown, or marked not applicable (NACP's "не застосовується",
which for an item the family owns, not uses, says no cost was given); masked and refused values
are A15's subject."""


@rule(
    RuleMeta(
        code="A10",
        name="Acquired in the year with no cost",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        weight=0.7,
        explain=EXPLAIN,
    )
)
def acquired_without_cost(ctx: ScreenContext, params: RuleParams) -> RuleOutput:
    heads = ctx.declarations.select("declaration_id", declared_year="year")
    fields = ("section", "item_id", "kind", "acquired_on", "value", "value_status")
    found = []
    for section, code in (("real_estate", "property_type"), ("vehicles", "vehicle_type")):
        items = ctx.table(f"declaration_{section}").join(heads, "declaration_id")
        no_cost = items.value.isnull() & items.value_status.isin(NO_COST_STATUSES)
        hit = items.filter(
            family_owned(items)
            & (items.acquired_on.year() == items.declared_year)
            & (no_cost | (items.value == 0))
        )
        found.append(
            hit.select(
                "declaration_id",
                section=ibis.literal(section),
                item_id=hit.item_id,
                kind=hit[code],
                acquired_on=hit.acquired_on,
                value=hit.value,
                value_status=hit.value_status,
            )
        )
    flags = ctx.item_flags(ibis.union(*found), fields, _acquired_formula)
    return RuleOutput(flags, params.model_dump())


def _acquired_formula(count: int, _head: dict[str, Any]) -> str:
    return f"{count} item(s) acquired in the declaration year with a cost of 0 or none"


HOUSES = ("house", "summer_house")


@rule(
    RuleMeta(
        code="A12",
        name="House without land, garage without vehicle",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        weight=0.3,
        explain=EXPLAIN,
    )
)
def house_without_land(ctx: ScreenContext, params: RuleParams) -> RuleOutput:
    estate = ctx.table("declaration_real_estate")
    vehicles = ctx.table("declaration_vehicles")
    lands = estate.filter(estate.property_type == "land").select("declaration_id")
    owned = estate.filter(family_owned(estate))
    houses = owned.filter(owned.property_type.isin(HOUSES)).anti_join(lands, "declaration_id")
    garages = owned.filter(owned.property_type == "garage").anti_join(
        vehicles.select("declaration_id"), "declaration_id"
    )
    hit = ibis.union(houses, garages)
    fields = ("item_id", "property_type", "ownership_type", "area_m2", "city")
    flags = ctx.item_flags(hit, fields, _house_formula)
    return RuleOutput(flags, params.model_dump())


def _house_formula(count: int, _head: dict[str, Any]) -> str:
    return f"{count} house(s) with no land plot or garage(s) with no vehicle declared"


@rule(
    RuleMeta(
        code="A14",
        name="Assets abroad",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        weight=0.4,
        explain=EXPLAIN,
    )
)
def assets_abroad(ctx: ScreenContext, params: RuleParams) -> RuleOutput:
    home = ctx.declarations.select("declaration_id", home="country")
    estate = ctx.table("declaration_real_estate").join(home, "declaration_id")
    money = ctx.table("declaration_monetary_assets")
    shares = ctx.table("declaration_securities")
    parts = [
        estate.filter(
            estate.country.notnull() & estate.home.notnull() & (estate.country != estate.home)
        ).select(
            "declaration_id", "item_id", section=ibis.literal("real_estate"),
            where=estate.country_raw,
        ),
        money.filter(money.institution_kind == "legal_entity_foreign").select(
            "declaration_id", "item_id", section=ibis.literal("monetary_assets"),
            where=money.institution_name,
        ),
        shares.filter(shares.issuer_kind == "legal_entity_foreign").select(
            "declaration_id", "item_id", section=ibis.literal("securities"),
            where=shares.issuer_name,
        ),
    ]  # fmt: skip
    flags = ctx.item_flags(ibis.union(*parts), ("section", "item_id", "where"), _abroad_formula)
    return RuleOutput(flags, params.model_dump())


def _abroad_formula(count: int, _head: dict[str, Any]) -> str:
    return f"{count} item(s) abroad: real estate, accounts or securities outside the country"


@rule(
    RuleMeta(
        code="A15",
        name="Values refused by a family member",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        weight=0.5,
        explain=EXPLAIN,
    )
)
def values_refused(ctx: ScreenContext, params: RuleParams) -> RuleOutput:
    declarations = ctx.declarations
    hit = declarations.filter(declarations.refused_fields > 0)
    flags = [
        ctx.flag(
            row,
            row["refused_fields"],
            {
                "refused_fields": row["refused_fields"],
                "formula": f"refused_fields = {row['refused_fields']} > 0",
            },
            money=False,
        )
        for row in ctx.rows(hit.select("declaration_id", "person_id", "year", "refused_fields"))
    ]
    return RuleOutput(flags, params.model_dump())


PRIVATE_CREDITORS = ("citizen_domestic", "citizen_foreign")


@rule(
    RuleMeta(
        code="A18",
        name="Loans from private persons",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        weight=0.4,
        explain=EXPLAIN,
    )
)
def private_loans(ctx: ScreenContext, params: RuleParams) -> RuleOutput:
    debts = ctx.table("declaration_liabilities")
    private = (debts.liability_type == "borrowed_from_persons") | debts.creditor_kind.isin(
        PRIVATE_CREDITORS
    )
    not_payment = debts.liability_type.isnull() | ~debts.liability_type.isin(PAYMENTS)
    hit = debts.filter(private & not_payment)
    fields = ("item_id", "liability_type", "creditor_kind", "amount", "amount_currency")
    flags = ctx.item_flags(hit, fields, _loans_formula)
    return RuleOutput(flags, params.model_dump())


def _loans_formula(count: int, _head: dict[str, Any]) -> str:
    return f"{count} debt(s) to private persons rather than banks"


LUXURY_BRANDS = (
    "aston martin", "bentley", "bugatti", "ferrari", "lamborghini", "maserati", "maybach",
    "mclaren", "porsche", "rolls-royce", "rolls royce",
    "астон мартін", "бентлі", "феррарі", "ламборгіні", "мазераті", "майбах", "порше",
    "роллс-ройс",
)  # fmt: skip
"""Makers whose every car is a luxury car, in Latin and Ukrainian spelling."""


class A13Params(RuleParams):
    brands: tuple[str, ...] = LUXURY_BRANDS
    income_below: float = 1_000_000.0
    made_since: int = 2011


@rule(
    RuleMeta(
        code="A13",
        name="Luxury vehicle on a modest income",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A13Params,
        weight=0.5,
        explain=EXPLAIN,
    )
)
def luxury_vehicle(ctx: ScreenContext, params: A13Params) -> RuleOutput:
    vehicles = ctx.table("declaration_vehicles")
    brands = [brand.lower() for brand in params.brands]
    luxury = vehicles.filter(
        vehicles.brand.lower().strip().isin(brands)
        & vehicles.owner_role.isin(FAMILY_ROLES)
        & (vehicles.manufacture_year >= params.made_since)
    )
    income = ctx.totals.select("declaration_id", "income")
    hit = luxury.join(income, "declaration_id").filter(income.income < params.income_below)
    fields = ("item_id", "brand", "model", "manufacture_year", "ownership_type")

    def formula(count: int, head: dict[str, Any]) -> str:
        return (
            f"{count} luxury vehicle(s) made since {params.made_since}, family income "
            f"{cents(head['income']):.2f} < {params.income_below:.2f}"
        )

    flags = ctx.item_flags(hit, fields, formula, head=("income",))
    return RuleOutput(flags, params.model_dump())
