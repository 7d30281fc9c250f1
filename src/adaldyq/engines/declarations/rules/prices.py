"""A11: real estate or a vehicle bought in the declared year for less than half the going price.

A declared cost far below the market is how an asset paid partly in cash, or by someone else, is
made to fit the declared income (DECLARATIONS.md §6). The going price is a median from the
reference-price table given to the screening (`docs/inputs/reference-prices.md`):

    real estate: price per m² = value / area_m2, against the median per m² of the property type
                 and year of acquisition, in the item's city or the declaration's region, else
                 the country's
    vehicles:    value, against the median of the brand and model (and the band of manufacture
                 years when the table gives one) in the year of acquisition
    flag when price / median < threshold (0.5)

Both sides are converted to the base currency at the rate of 31 December of the year (the rates
the other rules use). Only items the family owns, acquired in the declared year with a cost given
(status null, above 0) and, for real estate, an area, are compared. The most specific reference
line is used: city before region before country, a manufacture-year band before none.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir

from adaldyq.engines.declarations.context import DIGITS, ScreenContext, cents, fold
from adaldyq.engines.declarations.money import family_owned
from adaldyq.engines.declarations.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class A11Params(RuleParams):
    threshold: float = 0.5
    """Flag a price below this share of the reference median."""


def _bought(ctx: ScreenContext) -> ir.Table:
    """Real estate and vehicles bought in the declared year with a cost (and an area)."""
    heads = ctx.declarations.select(
        "declaration_id", "year", home_region="region", home_country="country"
    )
    parts = []
    for section, kind in (("real_estate", "real_estate"), ("vehicles", "vehicle")):
        items = ctx.table(f"declaration_{section}").join(heads, "declaration_id")
        costed = (
            family_owned(items)
            & (items.acquired_on.year() == items.year)
            & items.value.notnull()
            & items.value_status.isnull()
            & (items.value > 0)
        )
        if section == "real_estate":
            items = items.filter(costed & (items.area_m2 > 0))
            fields = _estate_fields(items)
        else:
            items = items.filter(costed)
            fields = _vehicle_fields(items)
        columns = ("declaration_id", "year", "item_id", "acquired_on", "value", "value_currency")
        parts.append(
            items.select(
                *columns,
                "home_region",
                section=ibis.literal(section),
                ref_kind=ibis.literal(kind),
                **fields,
            )
        )
    return ibis.union(*parts)


def _estate_fields(items: ir.Table) -> dict[str, ir.Value]:
    return {
        "country": ibis.coalesce(items.country, items.home_country),
        "object_type": items.property_type,
        "place": items.city,
        "area_m2": items.area_m2,
        "brand": ibis.null("string"),
        "model": ibis.null("string"),
        "manufacture_year": ibis.null("int64"),
    }


def _vehicle_fields(items: ir.Table) -> dict[str, ir.Value]:
    return {
        "country": items.home_country,
        "object_type": items.vehicle_type,
        "place": ibis.null("string"),
        "area_m2": ibis.null("float64"),
        "brand": items.brand,
        "model": items.model,
        "manufacture_year": items.manufacture_year,
    }


def _references(prices: ir.Table) -> ir.Table:
    """The reference table with names apart from the items' (they are joined side by side)."""
    return prices.select(
        "made_from", "made_to", "median", "source", ref_kind=prices.kind,
        ref_country=prices.country, ref_region=prices.region, ref_type=prices.property_type,
        ref_brand=prices.brand, ref_model=prices.model, ref_year=prices.year,
        ref_currency=prices.currency, ref_line=prices.source_line,
    )  # fmt: skip


def _matched(items: ir.Table, refs: ir.Table) -> ir.Table:
    """Each item with its most specific reference line."""
    same_object = ibis.ifelse(
        items.ref_kind == "real_estate",
        refs.ref_type == items.object_type,
        (fold(refs.ref_brand) == fold(items.brand)) & (fold(refs.ref_model) == fold(items.model)),
    )
    in_city = fold(refs.ref_region) == fold(items.place)
    in_region = fold(refs.ref_region) == fold(items.home_region)
    in_band = (refs.made_from.isnull() | (items.manufacture_year >= refs.made_from)) & (
        refs.made_to.isnull() | (items.manufacture_year <= refs.made_to)
    )
    joined = items.join(
        refs,
        [
            refs.ref_kind == items.ref_kind,
            refs.ref_country == items.country,
            refs.ref_year == items.year,
            same_object.fill_null(False),
            refs.ref_region.isnull() | in_city.fill_null(False) | in_region.fill_null(False),
            in_band.fill_null(False),
        ],
    )
    in_place = (fold(joined.ref_region) == fold(joined.place)).fill_null(False)
    place_rank = ibis.ifelse(joined.ref_region.isnull(), 2, ibis.ifelse(in_place, 0, 1))
    banded = joined.made_from.notnull() | joined.made_to.notnull()
    specific = place_rank * 2 + ibis.ifelse(banded, 0, 1)
    order = ibis.row_number().over(
        group_by=[joined.declaration_id, joined.section, joined.item_id],
        order_by=[specific, joined.ref_line],
    )
    ranked = joined.mutate(choice=order)
    return ranked.filter(ranked.choice == 0).drop("choice")


def _rate_pairs(ctx: ScreenContext, table: ir.Table, currency: str) -> list[tuple[Any, Any]]:
    found = ctx.rows(table.select(currency=table[currency], year=table.year).distinct())
    return [(row["currency"], row["year"]) for row in found]


@rule(
    RuleMeta(
        code="A11",
        name="Bought below half the going price",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=A11Params,
        weight=0.6,
        needs=("prices",),
        explain="{formula} in the {year} declaration.",
    )
)
def undervalued(ctx: ScreenContext, params: A11Params) -> RuleOutput:
    items = _bought(ctx)
    matched = _matched(items, _references(ctx.inputs["prices"]))
    pairs = _rate_pairs(ctx, items, "value_currency") + _rate_pairs(ctx, matched, "ref_currency")
    rates = ctx.rates_for(sorted(set(pairs), key=str))
    item_rate = rates.select(value_currency="currency", year="year", rate="rate")
    ref_rate = rates.select(ref_currency="currency", year="year", ref_rate="rate")
    priced = matched.join(item_rate, ["value_currency", "year"]).join(
        ref_rate, ["ref_currency", "year"]
    )
    base = priced.value * priced.rate
    unit = ibis.ifelse(priced.section == "real_estate", base / priced.area_m2, base)
    median = priced.median * priced.ref_rate
    compared = priced.mutate(
        base_value=base, unit_price=unit, base_median=median, ratio=(unit / median).round(DIGITS)
    )
    hit = compared.filter(compared.ratio < params.threshold)
    fields = ("section", "item_id", "object_type", "brand", "model", "manufacture_year",
              "acquired_on", "value", "value_currency", "rate", "base_value", "area_m2",
              "unit_price", "median", "ref_currency", "ref_rate", "base_median", "ratio",
              "ref_region", "source")  # fmt: skip

    def formula(count: int, _head: dict[str, Any]) -> str:
        return f"{count} item(s) bought below {params.threshold:g} of the reference median"

    flags = ctx.item_flags(hit, fields, formula)
    for flag in flags:
        flag.evidence["items"] = [_item_evidence(item) for item in flag.evidence["items"]]
        flag.evidence["currency"] = ctx.base_currency
    return RuleOutput(flags, params.model_dump())


def _item_evidence(item: dict[str, Any]) -> dict[str, Any]:
    """An item's figures rounded to cents, and the arithmetic that flagged it."""
    shown = {k: v for k, v in item.items() if v is not None}
    for name in ("base_value", "unit_price", "base_median"):
        shown[name] = cents(item[name])
    value, unit, median = shown["base_value"], shown["unit_price"], shown["base_median"]
    per = f"{value:.2f} / {item['area_m2']:g} m2 = {unit:.2f} per m2; " if item["area_m2"] else ""
    shown["formula"] = f"{per}{unit:.2f} / median {median:.2f} = {item['ratio']:.4f}"
    return shown
