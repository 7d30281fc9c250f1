"""A01 net-worth gap and A02 expenditure gap, over consecutive annual declarations of a person.

StAR "On the Take" (2012) §4.2.2 and the Basel Institute's source-and-application-of-funds
annex (DECLARATIONS.md §1), on the family unit, from the year-end declaration of year t0 to that
of t1 = t0 + 1, all in the base currency at each year's 31 December rate:

    NW(t)       = property at cost + monetary assets - liabilities
    living      = subsistence minimum(t1) x 12 x household size (declarant + family of t1)
    fx_gain     = for each foreign-currency stock of t0: amount x (rate(t1) - rate(t0)),
                  negative for a debt; revaluation, not enrichment, so it counts as explained
    A01 unexplained = NW(t1) - NW(t0) + living - income(t1) - fx_gain
    A02 unexplained = expenditures(t1) + living + (M(t1) - M(t0)) - income(t1)
                      - (L(t1) - L(t0)) - fx_gain on money and debts

Flagged when unexplained > max(minimums x subsistence minimum(t1), relative x (income(t1) +
fx_gain)): an absolute floor in the country's own statutory unit (Ukraine's civil forfeiture
starts at 500 subsistence minimums) and a tolerance for what declarations understate.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from adaldyq.engines.declarations.context import ScreenContext, cents
from adaldyq.engines.declarations.registry import RuleOutput, RuleParams, rule
from adaldyq.errors import ConfigError
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EXPLAIN = "{formula} from {year_from} to {year} ({currency})."
STOCKS = ("property", "monetary", "liability")


class GapParams(RuleParams):
    minimums: float = 500.0
    relative: float = 0.25


def year_pairs(ctx: ScreenContext) -> ir.Table:
    """Consecutive screened declarations of one person: totals of t0 (`*_from`) and t1, the
    household size of t1, the subsistence minimum of t1 and the FX gains, cached."""

    def build() -> ir.Table:
        t = ctx.totals
        before = t.select(
            id_from=t.declaration_id,
            property_from=t.property,
            monetary_from=t.monetary_assets,
            liabilities_from=t.liabilities,
        )
        linked = ctx.consecutive.select("declaration_id", "year_from", "id_from")
        pairs = t.join(linked, "declaration_id").join(before, "id_from")
        family = ctx.table("declaration_family")
        sizes = family.group_by("declaration_id").aggregate(members=family.count())
        pairs = pairs.left_join(sizes, "declaration_id").drop("declaration_id_right")
        pairs = pairs.mutate(household=pairs.members.fill_null(0) + 1).drop("members")
        pairs = pairs.left_join(_fx_gains(ctx, pairs), "id_from").drop("id_from_right")
        pairs = pairs.mutate(
            fx_gain=pairs.fx_gain.fill_null(0.0), fx_money=pairs.fx_money.fill_null(0.0)
        )
        minimums = _minimums(ctx)
        return pairs.join(minimums, "year")

    return ctx.shared_table("year_pairs", build)


def _fx_gains(ctx: ScreenContext, pairs: ir.Table) -> ir.Table:
    """Per t0 declaration: the revaluation of its foreign-currency stocks to t1's rates
    (`fx_gain`; `fx_money` without property)."""
    lines = ctx.lines
    stocks = lines.filter(
        lines.group.isin(STOCKS) & (lines.currency != ctx.base_currency) & lines.rate.notnull()
    )
    dated = stocks.join(
        pairs.select("id_from", year_to=pairs.year), stocks.declaration_id == pairs.id_from
    )
    rates = ctx.rate_table.select("currency", year_to="year", rate_to="rate")
    revalued = dated.join(rates, ["currency", "year_to"])
    sign = ibis.ifelse(revalued.group == "liability", -1.0, 1.0)
    gain = sign * revalued.amount * (revalued.rate_to - revalued.rate)
    return revalued.group_by("id_from").aggregate(
        fx_gain=gain.sum(), fx_money=gain.sum(where=revalued.group != "property")
    )


def _minimums(ctx: ScreenContext) -> ir.Table:
    """The profile's monthly subsistence minimum for every year screened that has one."""
    rows = [{"year": y, "minimum": m} for y, m in minimums_by_year(ctx).items() if m is not None]
    schema = pa.schema([("year", pa.int64()), ("minimum", pa.float64())])
    return ibis.memtable(pa.Table.from_pylist(rows, schema=schema))


def minimums_by_year(ctx: ScreenContext) -> dict[int, float | None]:
    """Each year screened with its subsistence minimum, None where the profile knows none for
    it or any earlier year: pairs ending in such a year are not compared, and the rules' meta
    names the years."""
    found: dict[int, float | None] = {}
    for row in ctx.rows(ctx.totals.select("year").distinct()):
        try:
            found[row["year"]] = ctx.profile.subsistence_minimum(row["year"])
        except ConfigError:
            found[row["year"]] = None
    return found


def skipped_years(ctx: ScreenContext) -> list[int]:
    """Years whose pairs the cross-year rules leave out for want of a subsistence minimum."""
    return sorted(y for y, m in minimums_by_year(ctx).items() if m is None)


def _gap_flags(
    ctx: ScreenContext, params: GapParams, unexplained: ir.FloatingValue, kind: str
) -> RuleOutput:
    p = year_pairs(ctx)
    living = p.minimum * 12 * p.household
    inflows = p.income + (p.fx_gain if kind == "A01" else p.fx_money)
    scored = p.mutate(living=living, unexplained=unexplained + living)
    floor = scored.minimum * params.minimums
    threshold = ibis.greatest(floor, params.relative * inflows)
    hit = scored.filter(scored.unexplained > threshold).mutate(threshold=threshold)
    flags = []
    for row in ctx.rows(hit):
        evidence = _evidence(row, params, kind)
        flags.append(ctx.flag(row, evidence["unexplained"], evidence))
    meta = {**params.model_dump(), "years_without_minimum": skipped_years(ctx)}
    return RuleOutput(flags, meta)


def _evidence(row: dict[str, Any], params: GapParams, kind: str) -> dict[str, Any]:
    """The numbers of the pair, rounded to cents, and the formula with them."""
    n = {name: cents(row[name]) for name in _NUMBERS if name in row}
    living = f"{n['minimum']:.2f} x 12 x {row['household']}"
    if kind == "A01":
        nw_from = cents(n["property_from"] + n["monetary_from"] - n["liabilities_from"])
        nw_to = cents(n["property"] + n["monetary_assets"] - n["liabilities"])
        unexplained = cents(nw_to - nw_from + n["living"] - n["income"] - n["fx_gain"])
        formula = (
            f"(NW {nw_to:.2f} - NW {nw_from:.2f}) + living ({living} = {n['living']:.2f}) "
            f"- income {n['income']:.2f} - fx_gain {n['fx_gain']:.2f} = {unexplained:.2f}"
        )
        extra = {"net_worth_from": nw_from, "net_worth": nw_to, "fx_gain": n["fx_gain"]}
    else:
        d_money = cents(n["monetary_assets"] - n["monetary_from"])
        d_debt = cents(n["liabilities"] - n["liabilities_from"])
        unexplained = cents(
            n["expenditures"] + n["living"] + d_money - n["income"] - d_debt - n["fx_money"]
        )
        formula = (
            f"expenditures {n['expenditures']:.2f} + living ({living} = {n['living']:.2f}) "
            f"+ money change {d_money:.2f} - income {n['income']:.2f} - debt change "
            f"{d_debt:.2f} - fx_gain {n['fx_money']:.2f} = {unexplained:.2f}"
        )
        extra = {"money_change": d_money, "debt_change": d_debt, "fx_gain": n["fx_money"]}
    inflows = cents(n["income"] + extra["fx_gain"])
    threshold = cents(row["threshold"])
    formula += (
        f" > max({params.minimums:g} x {n['minimum']:.2f}, {params.relative:g} x "
        f"{inflows:.2f}) = {threshold:.2f}"
    )
    return {
        **{k: v for k, v in n.items() if not k.startswith("fx_")},
        **extra,
        "year_from": row["year_from"],
        "declaration_from": row["id_from"],
        "household": row["household"],
        "unexplained": unexplained,
        "threshold": threshold,
        "formula": formula,
    }


_NUMBERS = (
    "property_from", "monetary_from", "liabilities_from", "property", "monetary_assets",
    "liabilities", "income", "expenditures", "minimum", "living", "fx_gain", "fx_money",
)  # fmt: skip


@rule(
    RuleMeta(
        code="A01",
        name="Net-worth growth not explained by income",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=GapParams,
        weight=1.0,
        explain=EXPLAIN,
    )
)
def net_worth_gap(ctx: ScreenContext, params: GapParams) -> RuleOutput:
    p = year_pairs(ctx)
    growth = (p.property + p.monetary_assets - p.liabilities) - (
        p.property_from + p.monetary_from - p.liabilities_from
    )
    return _gap_flags(ctx, params, growth - p.income - p.fx_gain, "A01")


@rule(
    RuleMeta(
        code="A02",
        name="Spending and saving not explained by income",
        subjects=(SubjectType.PERSON,),
        family="declarations",
        params=GapParams,
        weight=1.0,
        explain=EXPLAIN,
    )
)
def expenditure_gap(ctx: ScreenContext, params: GapParams) -> RuleOutput:
    p = year_pairs(ctx)
    saved = p.monetary_assets - p.monetary_from
    borrowed = p.liabilities - p.liabilities_from
    return _gap_flags(ctx, params, p.expenditures + saved - p.income - borrowed - p.fx_money, "A02")
