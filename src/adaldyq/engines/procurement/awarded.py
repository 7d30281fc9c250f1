"""Who won what: active awards per supplier, bidders and winners per process, budget years.

Market-structure rules (concentration, splitting, co-bidding, new suppliers) all start from the
same facts, so they are built here once: an award counts when its status is `active`; its value
counts only in the main currency (other currencies are not converted, as in Cardinal); a consortium
award is shared evenly among its suppliers so that market totals are not counted twice.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from adaldyq.engines.procurement.context import RuleContext


def budget_year(ts: ir.TimestampValue, end_month: int) -> ir.IntegerValue:
    """The budget year a date falls in: the calendar year, or the next one after `end_month`."""
    year: ir.IntegerValue = ts.year()
    if end_month == 12:
        return year
    return year + (ts.month() > end_month).cast("int64")


def awarded(ctx: RuleContext) -> ir.Table:
    """One row per active award and supplier, with the buyer, the method and the supplier's part.

    Columns: ocid, award_index, award_id, supplier_org_id, supplier_count, value (the supplier's
    part in the main currency, null when unknown or in another currency), award_date (the award's
    own date), year (budget year of the award date, else of the tender's publication),
    buyer_org_id, procurement_method, main_procurement_category.
    """
    return ctx.shared_table("awarded", lambda: _awarded(ctx))


def _awarded(ctx: RuleContext) -> ir.Table:
    awards = ctx.table("awards")
    active = awards.filter(awards.status == "active")
    suppliers = ctx.table("award_suppliers")
    named = suppliers.filter(suppliers.supplier_org_id.notnull())
    counted = named.group_by(["ocid", "award_index"]).aggregate(
        supplier_count=named.supplier_org_id.nunique()
    )
    currency = ctx.main_currency
    amount = (
        ibis.ifelse(active.value_currency == currency, active.value_amount, ibis.null("float64"))
        if currency
        else ibis.null("float64")
    )
    base = active.select(
        "ocid", "award_index", "award_id", award_date=active.date_ts, amount=amount
    )
    p = ctx.processes.select(
        "ocid", "buyer_org_id", "procurement_method", "main_procurement_category",
        published=ctx.processes.tender_date_published_ts,
    )  # fmt: skip
    joined = (
        base.join(counted, ["ocid", "award_index"])
        .join(named.select("ocid", "award_index", "supplier_org_id").distinct(),
              ["ocid", "award_index"])
        .join(p, "ocid")
    )  # fmt: skip
    end_month = ctx.profile.budget_year_end_month
    return joined.select(
        "ocid", "award_index", "award_id", "supplier_org_id", "supplier_count",
        "award_date", "buyer_org_id", "procurement_method", "main_procurement_category",
        value=joined.amount / joined.supplier_count,
        year=budget_year(joined.award_date.coalesce(joined.published), end_month),
    )  # fmt: skip


def winners(ctx: RuleContext) -> ir.Table:
    """Distinct (ocid, org_id) of the suppliers of active awards."""
    won = awarded(ctx)
    return ctx.shared_table("winners", won.select("ocid", org_id=won.supplier_org_id).distinct)


def bidders(ctx: RuleContext) -> ir.Table:
    """Distinct (ocid, org_id) of the tenderers of submitted bids.

    Cardinal's "submitted" excludes `invited` and `withdrawn`; unlike Cardinal a bid without a
    status counts, because many publishers never set one and co-bidding is about who took part.
    """
    bids = ctx.table("bids")
    kept = bids.filter(bids.status.isnull() | ~bids.status.isin(["invited", "withdrawn"])).select(
        "ocid", "bid_index"
    )
    t = ctx.table("bid_tenderers")
    named = t.filter(t.tenderer_org_id.notnull()).join(kept, ["ocid", "bid_index"])
    return named.select("ocid", org_id=named.tenderer_org_id).distinct()


def contested(ctx: RuleContext) -> ir.Table:
    """Bidders (ocid, org_id) of the processes that have a winner: where co-bidding is judged."""
    return ctx.shared_table("contested", lambda: bidders(ctx).semi_join(winners(ctx), "ocid"))
