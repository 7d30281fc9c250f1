"""B08 single-buyer dependency: more than `share` of a supplier's awarded value comes from one
buyer (Fazekas: captured suppliers; KRAI28: a supplier that never won elsewhere).

Computed on the backend from the procurement tables alone, per currency (values in different
currencies are not added up), over awards that were not cancelled or unsuccessful and have a
value. A supplier with fewer than `min_awards` such awards is not judged, nor a buyer that gave
it fewer than `min_buyer_awards`: one or two contracts say nothing about dependency, and with
values as skewed as contract values are, one large contract from one buyer outweighs many small
ones elsewhere without making the supplier live off that buyer. Never winning from any other
buyer scores highest.
"""

from __future__ import annotations

import ibis
from pydantic import Field

from adaldyq.engines.integrity.context import SAMPLE, IntegrityContext
from adaldyq.engines.integrity.paths import PROCUREMENT_SOURCE, path_evidence
from adaldyq.engines.integrity.registry import PROCUREMENT, Flag, RuleOutput, RuleParams, rule
from adaldyq.engines.integrity.tenders import award_expr
from adaldyq.engines.integrity.ties import Tie
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class B08Params(RuleParams):
    share: float = Field(0.8, gt=0, lt=1, description="Share of value from one buyer, exceeded")
    min_awards: int = Field(3, ge=1, description="Awards a supplier needs to be judged")
    min_buyer_awards: int = Field(3, ge=1, description="Awards from the one buyer, at least")


@rule(
    RuleMeta(
        code="B08",
        name="Single-buyer dependency",
        subjects=(SubjectType.SUPPLIER,),
        family="integrity",
        explain="{share_percent}% of supplier {supplier}'s awarded value ({buyer_value} of "
        "{total} {currency}, {buyer_awards} of {awards} awards) comes from buyer {buyer}",
        params=B08Params,
        weight=0.4,
        needs=(PROCUREMENT,),
    )
)
def b08(ctx: IntegrityContext, params: B08Params) -> RuleOutput:
    assert ctx.procurement is not None
    awards = award_expr(ctx.procurement)
    awards = awards.filter(awards.value.notnull() & awards.buyer.notnull()).mutate(
        currency=ibis.coalesce(awards.currency, "")
    )
    per_buyer = awards.group_by(["supplier", "buyer", "currency"]).aggregate(
        buyer_value=awards.value.sum(), buyer_awards=awards.count(), ocids=awards.ocid.collect()
    )
    per_supplier = awards.group_by(["supplier", "currency"]).aggregate(
        total=awards.value.sum(), awards=awards.count(), buyers=awards.buyer.nunique()
    )
    joined = per_buyer.join(per_supplier, ["supplier", "currency"])
    joined = joined.mutate(share=joined.buyer_value / joined.total)
    dependent = joined.filter(
        (joined.total > 0)
        & (joined.awards >= params.min_awards)
        & (joined.buyer_awards >= params.min_buyer_awards)
        & (joined.share > params.share)
    ).order_by(["supplier", "currency"])
    flags = [_flag(ctx, row) for row in ctx.rows(dependent)]
    return RuleOutput(flags, params.model_dump())


def _node(ctx: IntegrityContext, org: str) -> str:
    """The graph node of a procurement organisation when the graph holds it, else its org id."""
    return next(iter(ctx.org_index.get(org, [])), org)


def _flag(ctx: IntegrityContext, row: dict[str, object]) -> Flag:
    supplier, buyer = str(row["supplier"]), str(row["buyer"])
    ends = (_node(ctx, buyer), _node(ctx, supplier))
    tie = Tie(id=f"awards:{buyer}->{supplier}", schema="ContractAward", source=ends[0],
              target=ends[1], source_file=PROCUREMENT_SOURCE)  # fmt: skip
    share = float(row["share"])  # type: ignore[arg-type]
    ocids = sorted(str(o) for o in row["ocids"])  # type: ignore[attr-defined]
    evidence = {
        "supplier": supplier,
        "buyer": buyer,
        "currency": row["currency"] or None,
        "share": round(share, 6),
        "share_percent": round(100 * share, 1),
        "buyer_value": row["buyer_value"],
        "total": row["total"],
        "buyer_awards": row["buyer_awards"],
        "awards": row["awards"],
        "buyers": row["buyers"],
        "ocids": ocids[:SAMPLE],
        "path": path_evidence(list(ends), [tie]),
    }
    score = 1.0 if row["buyers"] == 1 else 0.7
    return Flag(SubjectType.SUPPLIER, supplier, share, score, evidence)
