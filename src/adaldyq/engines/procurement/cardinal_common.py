"""Cardinal's shared notions of bids and awards, as Ibis building blocks for the bid-based rules.

OCP Cardinal (`open-contracting/cardinal-rs`, `src/lib.rs` and `src/indicators/util.rs`) builds its
bid-based indicators (R024, R025, R028, R035, R036, R058, and R030/R038) from a few definitions.
They live here once, so every rule reads a bid or an award the same way:

- a *submitted* bid has a status that is not `invited` or `withdrawn` (pending, valid and
  disqualified bids were submitted);
- a *valid* bid has the status `valid`;
- the *final-awards gate* passes a process whose awards are all final: every award with a status
  is `active`, `cancelled` or `unsuccessful`. A `pending` award means the result may still change,
  so the process is skipped. Cardinal asks for the `awards` and `bids.details` arrays to exist;
  over rows, an empty array and a missing one look the same, and no rule built on the gate can flag
  a process without bids or awards, so the gate also asks for at least one of each;
- the *single-supplier award*: after the gate, exactly one active award with exactly one supplier,
  which has an id. Only then is it clear which bids competed for what was awarded (cardinal-rs #17).

Organisations are compared and reported by `org_id` (the party's `scheme-id` when known, else the
id used in the release), and only references with an `id` count, as in Cardinal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import ibis
import ibis.expr.types as ir

from adaldyq.engines.procurement.context import RuleContext, fences

NOT_SUBMITTED = ("invited", "withdrawn")
FINAL_AWARD_STATUSES = ("active", "cancelled", "unsuccessful")


def submitted_bids(ctx: RuleContext) -> ir.Table:
    """Bids that were actually submitted: a status other than `invited` or `withdrawn`."""
    bids = ctx.table("bids")
    return bids.filter(bids.status.notnull() & ~bids.status.isin(NOT_SUBMITTED))


def valid_bids(ctx: RuleContext) -> ir.Table:
    """Bids with the status `valid`."""
    bids = ctx.table("bids")
    return bids.filter(bids.status == "valid")


def bid_tenderers(ctx: RuleContext) -> ir.Table:
    """`(ocid, bid_index, tenderer)`: every tenderer reference of a bid that has an id."""
    t = ctx.table("bid_tenderers")
    found = t.filter(t.tenderer_id.notnull() & t.tenderer_org_id.notnull())
    return found.select("ocid", "bid_index", tenderer=found.tenderer_org_id)


def sole_tenderer_bids(ctx: RuleContext, bids: ir.Table) -> ir.Table:
    """`bids` that have exactly one tenderer entry, with that tenderer (which must have an id).

    A bid by a consortium cannot be attributed to one firm, so Cardinal leaves it out of the
    comparisons between the winner and the others.
    """
    single = bids.filter(bids.tenderer_count == 1)
    return single.join(bid_tenderers(ctx), ["ocid", "bid_index"])


def in_main_currency(ctx: RuleContext, bids: ir.Table) -> ir.Table:
    """`bids` with an amount in the main currency; amounts in other currencies do not compare."""
    currency = ctx.main_currency
    if currency is None:
        return bids.filter(ibis.literal(False))
    return bids.filter(bids.value_amount.notnull() & (bids.value_currency == currency))


def final_awards_gate(ctx: RuleContext) -> ir.Table:
    """`(ocid)` of processes with bids and awards whose awards all have a final status."""
    awards, bids = ctx.table("awards"), ctx.table("bids")
    open_awards = awards.filter(awards.status.notnull() & ~awards.status.isin(FINAL_AWARD_STATUSES))
    return (
        ctx.processes.select("ocid")
        .semi_join(awards, "ocid")
        .semi_join(bids, "ocid")
        .anti_join(open_awards, "ocid")
    )


def active_award_suppliers(ctx: RuleContext) -> ir.Table:
    """`(ocid, award_index, supplier)`: identified suppliers of active awards."""
    awards, suppliers = ctx.table("awards"), ctx.table("award_suppliers")
    active = awards.filter(awards.status == "active").select("ocid", "award_index")
    named = suppliers.filter(suppliers.supplier_id.notnull() & suppliers.supplier_org_id.notnull())
    return active.join(named, ["ocid", "award_index"]).select(
        "ocid", "award_index", supplier=named.supplier_org_id
    )


def single_supplier_award(ctx: RuleContext) -> ir.Table:
    """`(ocid, supplier)` of gated processes with one active award to one identified supplier."""
    awards = ctx.table("awards")
    active = awards.filter(awards.status == "active").semi_join(final_awards_gate(ctx), "ocid")
    counted = active.group_by("ocid").aggregate(
        active_awards=active.count(),
        award_index=active.award_index.max(),
        supplier_count=active.supplier_count.max(),
    )
    sole = counted.filter((counted.active_awards == 1) & (counted.supplier_count == 1))
    return sole.join(active_award_suppliers(ctx), ["ocid", "award_index"]).select(
        "ocid", "supplier"
    )


def bid_price_ratios(ctx: RuleContext) -> ir.Table:
    """The R024/R058 ratio per process, with who and what it compares (built once per dataset).

    Where bids compare on price and one supplier won the only active award: over valid bids in the
    main currency with one tenderer, W is the winner's lowest bid and L the lowest bid of any other
    tenderer (the first such bid on a tie). The ratio is (L - W) / W. A process where L < W is
    left out: the lowest bid lost, so price was not the only award criterion. A winning bid of
    zero or less is also left out (Cardinal would divide by it and poison its quartiles with
    infinities).

    Columns: ocid, winner, winner_amount, runner_up, runner_up_amount, currency, ratio.
    """
    return ctx.shared_table("bid_price_ratios", lambda: _bid_price_ratios(ctx))


def _bid_price_ratios(ctx: RuleContext) -> ir.Table:
    eligible = single_supplier_award(ctx).semi_join(
        ctx.price_comparison(ctx.processes).select("ocid"), "ocid"
    )
    bids = sole_tenderer_bids(ctx, in_main_currency(ctx, valid_bids(ctx)))
    joined = bids.join(eligible, "ocid")
    won = joined.filter(joined.tenderer == joined.supplier)
    winner = won.group_by("ocid").aggregate(
        winner=won.supplier.max(), winner_amount=won.value_amount.min()
    )
    others = joined.filter(joined.tenderer != joined.supplier)
    order = ibis.row_number().over(
        group_by=others.ocid, order_by=[others.value_amount, others.bid_index]
    )
    ranked = others.mutate(position=order)
    runner_up = ranked.filter(ranked.position == 0).select(
        "ocid",
        runner_up=ranked.tenderer,
        runner_up_amount=ranked.value_amount,
        currency=ranked.value_currency,
    )
    pairs = winner.join(runner_up, "ocid")
    kept = pairs.filter((pairs.runner_up_amount >= pairs.winner_amount) & (pairs.winner_amount > 0))
    return kept.mutate(ratio=(kept.runner_up_amount - kept.winner_amount) / kept.winner_amount)


def cardinal_fence(
    values: Sequence[float],
    side: Literal["lower", "upper"],
    threshold: float | None,
    positive_q1: bool,
) -> tuple[float | None, dict[str, float]]:
    """The fence a ratio is compared with, and the values to report as the rule's parameters.

    Without a `threshold`, the Tukey fence on `side` of the type-8 quartiles of `values`; the
    `threshold` setting replaces it. The fence is None, so nothing is flagged, when there is no
    value, when it is not positive, or (with `positive_q1`) when Q1 is not positive: then most
    subjects sit at zero and a fence around them would flag a majority, not outliers.
    """
    name = f"{side}_fence"
    if threshold is not None:
        meta = {name: threshold}
        return (threshold if threshold > 0 else None), meta
    if not values:
        return None, {}
    computed = fences(values)
    meta = {"q1": computed["q1"], "q3": computed["q3"], name: computed[name]}
    usable = meta[name] > 0 and (not positive_q1 or meta["q1"] > 0)
    return (meta[name] if usable else None), meta


def fence_outliers(
    ctx: RuleContext,
    table: ir.Table,
    column: str,
    side: Literal["lower", "upper"],
    threshold: float | None,
    *,
    positive_q1: bool,
    where: ir.BooleanValue | None = None,
) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Rows of `table` whose `column` is at or beyond the fence on `side`, and the values used.

    Only the one column is pulled to compute the quartiles (and not even that with a
    `threshold`); the comparison, inclusive as in Cardinal, runs in the backend together with
    `where`, so only flagged rows come back, each with the fence it reached.
    """
    values = [] if threshold is not None else ctx.column(table[column])
    fence, meta = cardinal_fence(values, side, threshold, positive_q1)
    if fence is None:
        return [], meta
    crossed = table[column] <= fence if side == "lower" else table[column] >= fence
    if where is not None:
        crossed &= where
    rows = ctx.rows(table.filter(crossed))
    return [{**row, f"{side}_fence": fence} for row in rows], meta
