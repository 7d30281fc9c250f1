"""CRI-SB single bidding, CRI-PT procedure type, CRI-NC no call for tender.

Single bidding is the CRI's outcome variable: ProACT keeps a candidate flag only if it predicts
single bidding. Bids are counted per lot where the data has lots: a process's value is the share
of its awarded lots that received one bid (1.0 for a process without lots and one bid).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri.base import (
    Component,
    Risk,
    live_awards,
    lookup,
    params_of,
)
from adaldyq.engines.procurement.cri.timing import advertisement_days
from adaldyq.model.rules import RuleParams


class SingleBidParams(RuleParams):
    excluded_bid_statuses: list[str] = Field(
        default_factory=lambda: ["invited", "withdrawn"],
        description="Bids with these statuses were not submitted and are not counted.",
    )


class ProcedureParams(RuleParams):
    method_risk: dict[str, Risk] = Field(
        default_factory=lambda: {"open": 0.0, "selective": 0.5, "limited": 0.5, "direct": 1.0},
        description="Risk of each tender.procurementMethod.",
    )
    details_risk: dict[str, Risk] = Field(
        default_factory=dict,
        description="Risk of each tender.procurementMethodDetails; wins over method_risk.",
    )


class NoCallParams(RuleParams):
    procedure_risks: list[float] = Field(
        default_factory=lambda: [1.0],
        description="CRI-PT values in which a missing call for tender counts (ProACT: the "
        "highest-risk procedure group only).",
    )


def _bidders(ctx: RuleContext, params: SingleBidParams) -> ir.Table:
    """One row per (submitted bid, tenderer): `ocid`, `tenderer`, `related_lots`."""
    bids = ctx.table("bids")
    submitted = bids.filter(bids.status.isnull() | ~bids.status.isin(params.excluded_bid_statuses))
    bt = ctx.table("bid_tenderers")
    who = bt.tenderer_org_id.coalesce(bt.tenderer_id, bt.tenderer_name)
    named = bt.filter(who.notnull()).select("ocid", "bid_index", tenderer=who)
    return named.join(submitted.select("ocid", "bid_index", "related_lots"), ["ocid", "bid_index"])


def _units(ctx: RuleContext, params: SingleBidParams) -> ir.Table:
    """`ocid`, `tenderers`, `lot_level`, `tenderer_source`: one row per assessed unit.

    A unit is an awarded lot (from `awards.relatedLots`) where bids exist, else the whole process;
    a process without bid tenderers falls back to `tender.numberOfTenderers`. A bid that names no
    lot counts for every lot of its process.
    """
    bidders = _bidders(ctx, params)
    awarded = live_awards(ctx)
    lots = awarded.select("ocid", lot=awarded.related_lots.unnest()).distinct()
    lots = lots.semi_join(bidders, "ocid")
    no_lot = bidders.related_lots.isnull() | (bidders.related_lots.length() == 0)
    per_lot = bidders.select("ocid", "tenderer", lot=bidders.related_lots.unnest()).union(
        bidders.filter(no_lot).select("ocid", "tenderer").join(lots, "ocid")
    )
    lot_counts = (
        per_lot.join(lots, ["ocid", "lot"])
        .group_by(["ocid", "lot"])
        .agg(tenderers=per_lot.tenderer.nunique())
    )
    lot_units = lot_counts.select("ocid", "tenderers", lot_level=ibis.literal(True))
    whole = bidders.anti_join(lots, "ocid")
    process_units = whole.group_by("ocid").agg(tenderers=whole.tenderer.nunique())
    p = ctx.processes
    declared = p.filter(p.number_of_tenderers.notnull()).anti_join(bidders, "ocid")
    return ibis.union(
        lot_units.mutate(tenderer_source=ibis.literal("bids")),
        process_units.mutate(lot_level=ibis.literal(False), tenderer_source=ibis.literal("bids")),
        declared.select(
            "ocid",
            tenderers=declared.number_of_tenderers,
            lot_level=ibis.literal(False),
            tenderer_source=ibis.literal("numberOfTenderers"),
        ),
    )


def single_bidding(ctx: RuleContext, params: SingleBidParams) -> Component:
    units = _units(ctx, params)
    single = (units.tenderers == 1).cast("int64")
    per = units.group_by("ocid").agg(
        units=units.count(),
        single_bid_units=single.sum(),
        max_tenderers=units.tenderers.max(),
        lot_level=units.lot_level.any(),
        tenderer_source=units.tenderer_source.max(),  # one source per process by construction
    )
    value = per.single_bid_units / per.units
    table = per.mutate(value=value, risk=value)
    evidence = (
        "units",
        "single_bid_units",
        "max_tenderers",
        "lot_level",
        "tenderer_source",
        "risk",
    )
    return Component(table, evidence, {"excluded_bid_statuses": params.excluded_bid_statuses})


def procedure_risk(ctx: RuleContext, params: ProcedureParams) -> ir.Table:
    """`ocid`, `value` and the procedure fields; `value` null where neither field is mapped."""
    p = ctx.processes
    by_details = lookup(p.procurement_method_details, params.details_risk)
    value = by_details.coalesce(lookup(p.procurement_method, params.method_risk))
    source = ibis.ifelse(by_details.notnull(), "procurementMethodDetails", "procurementMethod")
    return p.select(
        "ocid",
        "procurement_method",
        "procurement_method_details",
        value=value,
        risk=value,
        risk_source=source,
    ).filter(value.notnull())


def procedure_type(ctx: RuleContext, params: ProcedureParams) -> Component:
    evidence = ("procurement_method", "procurement_method_details", "risk_source", "risk")
    meta = {"method_risk": params.method_risk, "details_risk": params.details_risk}
    return Component(procedure_risk(ctx, params), evidence, meta)


def no_call_for_tender(ctx: RuleContext, params: NoCallParams) -> Component:
    """1 where no valid advertisement period exists and the procedure is in a listed risk group,
    else 0 (ProACT's `corr_nocft`).

    Missing where the procedure type is unknown: ProACT codes 0 there, but its data nearly always
    has a procedure type, and a 0 would give every process without data a CRI of 0.
    """
    procedure = procedure_risk(ctx, params_of(ctx, "CRI-PT", ProcedureParams))
    known = procedure.select("ocid", "procurement_method", procedure_risk=procedure.value)
    p = known.join(advertisement_days(ctx), "ocid")
    hit = p.advertisement_days.isnull() & p.procedure_risk.isin(params.procedure_risks)
    value = ibis.ifelse(hit, 1.0, 0.0)
    table = p.select(
        "ocid", "procurement_method", "procedure_risk", "advertisement_days_raw",
        value=value, risk=value,
    )  # fmt: skip
    evidence = ("procurement_method", "procedure_risk", "advertisement_days_raw", "risk")
    return Component(table, evidence, {"procedure_risks": params.procedure_risks})
