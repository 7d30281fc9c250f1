"""R038 Excessive disqualified bids: buyers, procuring entities or tenderers with many disqualified.

Cardinal's definition: over submitted bids (status present, not `invited` or `withdrawn`), the
ratio disqualified / submitted per buyer and per procuring entity (summed over their processes)
and per tenderer (over the bids it is a tenderer of). Subjects below a minimum are dropped; the
others are flagged at or above Q3 + 1.5·IQR of their group (or `threshold`), unless that fence
is zero. Cardinal checks buyers and procuring entities against `minimum_contracting_processes`
by counting their submitted *bids*; here their processes are counted, unless
`compat.bids_as_contracting_processes` asks for Cardinal's behaviour.
"""

from __future__ import annotations

from typing import Any

import ibis.expr.types as ir

from adaldyq.engines.procurement.cardinal_common import (
    bid_tenderers,
    fence_outliers,
    submitted_bids,
)
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import Flag, RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EVIDENCE = ["disqualified_bids", "submitted_bids", "processes", "ratio", "upper_fence"]


class Params(RuleParams):
    threshold: float | None = None
    minimum_submitted_bids: int = 2
    minimum_contracting_processes: int = 2


@rule(
    RuleMeta(
        code="R038",
        name="Excessive disqualified bids",
        subjects=(SubjectType.BUYER, SubjectType.PROCURING_ENTITY, SubjectType.SUPPLIER),
        family="cardinal",
        ocp_codes=("R038",),
        params=Params,
        explain="{disqualified_bids} of {submitted_bids} submitted bids in {processes} process(es) "
        "were disqualified ({ratio:.0%}), at or above the upper fence of {upper_fence:.0%}.",
    )
)
def excessive_disqualified_bids(ctx: RuleContext, params: Params) -> RuleOutput:
    bids = submitted_bids(ctx)
    submitted = bids.mutate(disqualified=(bids.status == "disqualified").cast("int64"))
    per_process = submitted.group_by("ocid").aggregate(
        submitted_bids=submitted.count(), disqualified_bids=submitted.disqualified.sum()
    )
    per_process = per_process.join(
        ctx.processes.select("ocid", "buyer_org_id", "procuring_entity_org_id"), "ocid"
    )
    per_tenderer = (
        submitted.join(bid_tenderers(ctx), ["ocid", "bid_index"])
        .rename(subject="tenderer")
        .mutate(submitted_bids=1, disqualified_bids=submitted.disqualified)
    )
    organisation_minimum = (
        "submitted_bids" if ctx.settings.compat.bids_as_contracting_processes else "processes"
    )
    entity = per_process.procuring_entity_org_id
    groups = [
        (SubjectType.BUYER, per_process.mutate(subject=per_process.buyer_org_id),
         organisation_minimum, params.minimum_contracting_processes),
        (SubjectType.PROCURING_ENTITY, per_process.mutate(subject=entity),
         organisation_minimum, params.minimum_contracting_processes),
        (SubjectType.SUPPLIER, per_tenderer, "submitted_bids", params.minimum_submitted_bids),
    ]  # fmt: skip
    found: list[Flag] = []
    meta: dict[str, Any] = params.model_dump()
    for subject_type, rows, minimum_of, minimum in groups:
        ratios = _ratios(rows)
        eligible = ratios.filter(ratios[minimum_of] >= minimum)
        hits, meta[subject_type] = fence_outliers(
            ctx, eligible, "ratio", "upper", params.threshold, positive_q1=False
        )
        found += flags(hits, subject_type, "subject", "ratio", "ratio", EVIDENCE, None)
    return RuleOutput(found, meta)


def _ratios(rows: ir.Table) -> ir.Table:
    """Per subject: disqualified and submitted bids, processes, and their ratio."""
    rows = rows.filter(rows.subject.notnull())
    totals = rows.group_by("subject").aggregate(
        disqualified_bids=rows.disqualified_bids.sum().cast("int64"),
        submitted_bids=rows.submitted_bids.sum().cast("int64"),
        processes=rows.ocid.nunique().cast("int64"),
    )
    return totals.mutate(ratio=totals.disqualified_bids.cast("float64") / totals.submitted_bids)
