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

Flagged when unexplained > max(floor(t1), relative x (income(t1) + fx_gain)): an absolute floor
in the country's own statutory unit (`model/declaration_amounts.py`: Ukraine's civil forfeiture
starts at 500 subsistence minimums; Kazakhstan's is in MCI) and a tolerance for what
declarations understate.

The same test runs over rolling windows of `window` consecutive pairs (the sum of their gaps
against the summed inflows), so that an acquisition spread over several years, none of which
crosses its threshold alone, is still found (DECLARATIONS.md §1, "cross-year rule").
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from pydantic import Field

from adaldyq.engines.declarations.context import ScreenContext, cents
from adaldyq.engines.declarations.registry import Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.declarations.thresholds import yearly_thresholds
from adaldyq.errors import ConfigError
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EXPLAIN = "{formula} from {year_from} to {year} ({currency})."
STOCKS = ("property", "monetary", "liability")


class GapParams(RuleParams):
    floor: float | None = Field(
        None,
        description="Absolute floor in the base currency; unset: the country's (Ukraine 500 "
        "subsistence minimums, Kazakhstan 2,000 MCI of the year).",
    )
    relative: float = 0.25
    window: int = Field(3, ge=1, description="Year pairs summed in a rolling window; 1: none.")


def year_pairs(ctx: ScreenContext) -> ir.Table:
    """Consecutive screened declarations of one person: totals of t0 (`*_from`) and t1, the
    household size of t1, the subsistence minimum of t1 and the FX gains, cached."""

    def build() -> ir.Table:
        pairs = ctx.totals.join(earlier_stocks(ctx), "declaration_id")
        pairs = with_household(ctx, pairs)
        pairs = pairs.left_join(_fx_gains(ctx, pairs), "id_from").drop("id_from_right")
        pairs = pairs.mutate(
            fx_gain=pairs.fx_gain.fill_null(0.0), fx_money=pairs.fx_money.fill_null(0.0)
        )
        minimums = minimums_table(ctx)
        return pairs.join(minimums, "year")

    return ctx.shared_table("year_pairs", build)


def earlier_stocks(ctx: ScreenContext) -> ir.Table:
    """Per screened declaration that has one of the year before (t0): t0's id (`id_from`), year
    (`year_from`) and stocks (`property_from`, `monetary_from`, `liabilities_from`)."""
    t = ctx.totals
    before = t.select(
        id_from=t.declaration_id,
        property_from=t.property,
        monetary_from=t.monetary_assets,
        liabilities_from=t.liabilities,
    )
    linked = ctx.consecutive.select("declaration_id", "year_from", "id_from")
    return linked.join(before, "id_from")


def with_household(ctx: ScreenContext, table: ir.Table) -> ir.Table:
    """`table` (keyed by `declaration_id`) with `household`: the declarant plus the family
    members the declaration lists, whose living costs the family's income must cover."""
    family = ctx.table("declaration_family")
    sizes = family.group_by("declaration_id").aggregate(members=family.count())
    joined = table.left_join(sizes, "declaration_id").drop("declaration_id_right")
    return joined.mutate(household=joined.members.fill_null(0) + 1).drop("members")


def living_cost(p: ir.Table) -> ir.FloatingValue:
    """The year's living costs as a tolerance: subsistence minimum x 12 x household."""
    return p.minimum * 12 * p.household


def net_worth(p: ir.Table, suffix: str = "") -> ir.FloatingValue:
    """NW = property at cost + monetary assets - liabilities (of t1, or of t0 with `_from`)."""
    monetary = "monetary_from" if suffix else "monetary_assets"
    return p[f"property{suffix}"] + p[monetary] - p[f"liabilities{suffix}"]


def net_worth_unexplained(p: ir.Table) -> ir.FloatingValue:
    """A01 before living costs: NW(t1) - NW(t0) - income(t1) - fx_gain."""
    return net_worth(p) - net_worth(p, "_from") - p.income - p.fx_gain


def spending_unexplained(p: ir.Table) -> ir.FloatingValue:
    """A02 before living costs: expenditures + money change - income - debt change - fx on
    money and debts."""
    saved = p.monetary_assets - p.monetary_from
    borrowed = p.liabilities - p.liabilities_from
    return p.expenditures + saved - p.income - borrowed - p.fx_money


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


def minimums_table(ctx: ScreenContext) -> ir.Table:
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


def _scored_pairs(
    ctx: ScreenContext, params: GapParams, unexplained: ir.FloatingValue, kind: str
) -> ir.Table:
    """The year pairs with `living`, `unexplained` (living included), `inflows` (income and the
    FX gain the rule counts as explained) and the pair's `threshold`."""
    p = year_pairs(ctx)
    living = living_cost(p)
    inflows = p.income + (p.fx_gain if kind == "A01" else p.fx_money)
    scored = p.mutate(living=living, unexplained=unexplained + living, inflows=inflows)
    floors = yearly_thresholds(ctx, kind, params.floor, name="floor")
    scored = scored.join(floors, "year")
    return scored.mutate(threshold=_threshold(params, scored.floor, scored.inflows))


def _threshold(
    params: GapParams, floor: ir.FloatingValue, inflows: ir.FloatingValue
) -> ir.FloatingValue:
    return ibis.greatest(floor, params.relative * inflows)


def _gap_flags(
    ctx: ScreenContext, params: GapParams, unexplained: ir.FloatingValue, kind: str
) -> RuleOutput:
    scored = _scored_pairs(ctx, params, unexplained, kind)
    flags = []
    for row in ctx.rows(scored.filter(scored.unexplained > scored.threshold)):
        evidence = _evidence(row, params, kind)
        flags.append(ctx.flag(row, evidence["unexplained"], evidence))
    if params.window > 1:
        flags.extend(_window_flags(ctx, scored, params, kind))
    meta = {**params.model_dump(), "years_without_minimum": skipped_years(ctx)}
    return RuleOutput(flags, meta)


def _window_flags(ctx: ScreenContext, scored: ir.Table, params: GapParams, kind: str) -> list[Flag]:
    """Gaps spread over `window` consecutive year pairs so that no single pair crosses its
    threshold: the window's unexplained amount is the sum of its pairs' (net worth telescopes),
    its threshold that of the last year's floor and of the summed inflows. A window with a
    flagged pair adds nothing the yearly finding does not already show, so it is left out."""
    span = ibis.window(
        group_by="person_id", order_by="year", preceding=params.window - 1, following=0
    )
    over = scored.select(
        "person_id",
        "declaration_id",
        "year",
        "floor",
        "floor_basis",
        first_year=scored.year_from.min().over(span),
        pairs=scored.count().over(span),
        unexplained=scored.unexplained.sum().over(span),
        inflows=scored.inflows.sum().over(span),
        flagged=(scored.unexplained > scored.threshold).cast("int64").sum().over(span),
    )
    over = over.mutate(threshold=_threshold(params, over.floor, over.inflows))
    hit = over.filter(
        (over.pairs == params.window)
        & (over.year - over.first_year == params.window)
        & (over.flagged == 0)
        & (over.unexplained > over.threshold)
    )
    windows = ctx.rows(hit.select("person_id", "declaration_id", "year", "first_year"))
    if not windows:
        return []
    inside = scored.semi_join(hit.select("person_id"), "person_id").order_by("year")
    by_person: dict[str, list[dict[str, Any]]] = {}
    for row in ctx.rows(inside):
        by_person.setdefault(str(row["person_id"]), []).append(row)
    flags = []
    for window in windows:
        pairs = [
            row
            for row in by_person[str(window["person_id"])]
            if window["first_year"] < row["year"] <= window["year"]
        ]
        evidence = _window_evidence(window, pairs, params, kind)
        flags.append(ctx.flag(window, evidence["unexplained"], evidence))
    return flags


def _window_evidence(
    window: dict[str, Any], pairs: list[dict[str, Any]], params: GapParams, kind: str
) -> dict[str, Any]:
    """Each pair's own arithmetic, then their sum against the window's threshold."""
    steps = []
    for row in pairs:
        numbers, formula = _pair_arithmetic(row, kind)
        steps.append(
            {
                "year_from": row["year_from"],
                "year": row["year"],
                "declaration_id": row["declaration_id"],
                "unexplained": numbers["unexplained"],
                "inflows": numbers["inflows"],
                "formula": formula,
            }
        )
    unexplained = cents(sum(step["unexplained"] for step in steps))
    inflows = cents(sum(step["inflows"] for step in steps))
    floor = cents(pairs[-1]["floor"])
    threshold = cents(max(floor, params.relative * inflows))
    parts = " + ".join(f"{s['year_from']}->{s['year']} {s['unexplained']:.2f}" for s in steps)
    formula = (
        f"{parts} = {unexplained:.2f} > max(floor {floor:.2f}, {params.relative:g} x "
        f"{inflows:.2f}) = {threshold:.2f}; no single year crosses its own threshold"
    )
    return {
        "window": params.window,
        "year_from": window["first_year"],
        "pairs": steps,
        "floor": floor,
        "floor_basis": pairs[-1]["floor_basis"],
        "inflows": inflows,
        "unexplained": unexplained,
        "threshold": threshold,
        "formula": formula,
    }


def _pair_arithmetic(row: dict[str, Any], kind: str) -> tuple[dict[str, Any], str]:
    """A pair's numbers rounded to cents, and the formula of its unexplained amount."""
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
    numbers = {
        **{k: v for k, v in n.items() if not k.startswith("fx_")},
        **extra,
        "inflows": cents(n["income"] + extra["fx_gain"]),
        "unexplained": unexplained,
    }
    return numbers, formula


def _evidence(row: dict[str, Any], params: GapParams, kind: str) -> dict[str, Any]:
    """The numbers of the pair and the formula with them, against the pair's threshold."""
    numbers, formula = _pair_arithmetic(row, kind)
    threshold, floor = cents(row["threshold"]), cents(row["floor"])
    formula += (
        f" > max(floor {floor:.2f}, {params.relative:g} x {numbers['inflows']:.2f}) "
        f"= {threshold:.2f}"
    )
    return {
        **numbers,
        "floor": floor,
        "floor_basis": row["floor_basis"],
        "year_from": row["year_from"],
        "declaration_from": row["id_from"],
        "household": row["household"],
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
    return _gap_flags(ctx, params, net_worth_unexplained(year_pairs(ctx)), "A01")


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
    return _gap_flags(ctx, params, spending_unexplained(year_pairs(ctx)), "A02")
