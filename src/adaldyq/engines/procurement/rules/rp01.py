"""RP01 Award not to the best rating: the published scores name another winner.

From the bid scores (`bid_scores`, see `ingest/bid_scores.py`) each bid of a lot is measured as
its conditional price `price * (1 - sum(discount) / 100)` (lower wins; Kazakhstan's rating-point
competition) or its weighted total `sum(weight * score)` (higher wins). A lot is flagged when a
supplier of an active award covering it is not among the best bids (ties all count as best),
or was not scored at all. An award covers a lot named in its `relatedLots`, or every lot when it
names none; scores without a lot id cover the whole process.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import ibis
import ibis.expr.types as ir

from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

DIGITS = 6  # measures are rounded so DuckDB and Spark sum orders compare equal
LOT = ("ocid", "lot_key")
EVIDENCE = ("lot_id", "method", "bids", "recomputed_winners", "actual_winners")


@rule(
    RuleMeta(
        code="RP01",
        name="Award not to the best rating",
        subjects=(SubjectType.PROCESS,),
        family="rating",
        explain="Recomputed by {method}, the best bid of lot {lot_id} is {recomputed_winners}, "
        "but the award went to {actual_winners}.",
    )
)
def award_not_to_best(ctx: RuleContext, params: RuleParams) -> RuleOutput:  # noqa: ARG001
    bids = _measured_bids(ctx.table("bid_scores"))
    best = bids.group_by(*LOT).agg(best=bids.measure.min())
    winners = _awarded_suppliers(ctx, best)
    scored = winners.left_join(
        bids,
        [
            winners.ocid == bids.ocid,
            winners.lot_key == bids.lot_key,
            (winners.supplier == bids.tenderer_id) | (winners.supplier_id == bids.tenderer_id),
        ],
    ).select(winners.ocid, winners.lot_key, winners.supplier, winners.best, bids.measure)
    wrong = scored.measure.isnull() | (scored.measure > scored.best)
    flagged = scored.filter(wrong).select(*LOT).distinct()
    rows = _evidence(
        ctx.rows(bids.semi_join(flagged, list(LOT))),
        ctx.rows(winners.semi_join(flagged, list(LOT)).select(*LOT, "supplier")),
    )
    return RuleOutput(flags(rows, SubjectType.PROCESS, "ocid", "ratio", 1.0, EVIDENCE), {})


def _measured_bids(scores: ir.Table) -> ir.Table:
    """One row per bid (ocid, lot, tenderer) with its method and a measure where lower wins."""
    s = scores.mutate(lot_key=scores.lot_id.fill_null(""))
    by_discount = ibis.ifelse(s.discount.notnull(), 1, 0).max() == 1
    bids = s.group_by(*LOT, "tenderer_id").agg(
        lot_id=s.lot_id.max(),
        price=s.price.max(),
        discount=s.discount.sum().round(DIGITS),
        weighted_score=(s.weight.fill_null(1.0) * s.score).sum().round(DIGITS),
        by_discount=by_discount,
    )
    conditional = (bids.price * (1 - bids.discount / 100)).round(DIGITS)
    return bids.mutate(
        method=ibis.ifelse(bids.by_discount, "conditional_price", "weighted_score"),
        conditional_price=ibis.ifelse(bids.by_discount, conditional, ibis.null()),
        measure=ibis.ifelse(bids.by_discount, conditional, -bids.weighted_score),
    )


def _awarded_suppliers(ctx: RuleContext, lots: ir.Table) -> ir.Table:
    """Suppliers of active awards per scored lot, with the lot's best measure."""
    a = ctx.table("awards")
    a = a.filter(a.status == "active")
    has_lots = a.related_lots.notnull() & (a.related_lots.length() > 0)
    named = a.filter(has_lots).select("ocid", "award_index", lot=a.related_lots.unnest())
    whole = a.filter(~has_lots).select("ocid", "award_index", lot=ibis.null().cast("string"))
    covered = named.union(whole)
    sup = ctx.table("award_suppliers")
    awarded = covered.join(sup, ["ocid", "award_index"]).select(
        covered.ocid, covered.lot, sup.supplier_id, supplier=sup.supplier_org_id
    )
    j = awarded.join(
        lots,
        [
            awarded.ocid == lots.ocid,
            awarded.lot.isnull() | (lots.lot_key == "") | (awarded.lot == lots.lot_key),
        ],
    )
    return j.select(
        lots.ocid,
        lots.lot_key,
        lots.best,
        j.supplier_id,
        supplier=j.supplier.fill_null(j.supplier_id),
    ).distinct()


def _evidence(bids: list[dict[str, Any]], winners: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per flagged lot: every bid's measure, the recomputed and the actual winners."""
    by_lot: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for bid in bids:
        by_lot[(bid["ocid"], bid["lot_key"])].append(bid)
    actual: dict[tuple[str, str], set[str]] = defaultdict(set)
    for winner in winners:
        actual[(winner["ocid"], winner["lot_key"])].add(winner["supplier"])
    rows = []
    for key in sorted(by_lot):
        lot = sorted(by_lot[key], key=lambda b: (b["measure"], b["tenderer_id"]))
        best = lot[0]["measure"]
        awarded = sorted(actual[key])
        measures = {b["tenderer_id"]: b["measure"] for b in lot}
        awarded_measures = [measures.get(supplier) for supplier in awarded]
        rows.append(
            {
                "ocid": key[0],
                "lot_id": lot[0]["lot_id"],
                "method": lot[0]["method"],
                "bids": [_bid(b) for b in lot],
                "recomputed_winners": [b["tenderer_id"] for b in lot if b["measure"] == best],
                "actual_winners": awarded,
                "ratio": _ratio(awarded_measures, best),
            }
        )
    return rows


def _bid(bid: dict[str, Any]) -> dict[str, Any]:
    shown: tuple[str, ...] = ("discount", "conditional_price")
    if bid["method"] != "conditional_price":
        shown = ("weighted_score",)
    return {key: bid[key] for key in ("tenderer_id", "price", *shown)}


def _ratio(awarded: list[float | None], best: float) -> float | None:
    """The worst awarded bid's measure over the best one; None when an award went unscored."""
    known = [m for m in awarded if m is not None]
    if len(known) < len(awarded) or not known or best == 0:
        return None
    return max(known) / best
