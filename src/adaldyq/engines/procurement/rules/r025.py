"""R025 Excessive unsuccessful bids: a frequent bidder that almost never wins.

Cardinal's definition (`src/indicators/r025.rs`): in every process that passes the final-awards
gate with one active award to one supplier, each tenderer with a valid single-tenderer bid counts
once (however many bids it made): one more process, and one more win if it is the supplier. A
tenderer is flagged when its number of processes is at or above the `percentile` of all
tenderers' numbers and its win ratio is at or below the lower Tukey fence of all ratios (only if
Q1 > 0 and the fence > 0; `threshold` replaces the fence). A firm that keeps bidding and losing
may be providing cover bids for a cartel, or be rotated out of winning.
"""

from __future__ import annotations

from pydantic import Field

from adaldyq.engines.procurement.cardinal_common import (
    fence_outliers,
    single_supplier_award,
    sole_tenderer_bids,
    valid_bids,
)
from adaldyq.engines.procurement.context import RuleContext, flags, percentile
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    percentile: int = Field(75, ge=0, le=100)
    threshold: float | None = None


@rule(
    RuleMeta(
        code="R025",
        name="Excessive unsuccessful bids",
        subjects=(SubjectType.SUPPLIER,),
        family="cardinal",
        ocp_codes=("R025",),
        params=Params,
        explain="This tenderer won {wins} of the {processes} processes it bid in (ratio {ratio}), "
        "at or below the lower fence {lower_fence}, while bidding in at least "
        "{minimum_processes} processes (the {percentile}th percentile).",
    )
)
def excessive_unsuccessful_bids(ctx: RuleContext, params: Params) -> RuleOutput:
    award = single_supplier_award(ctx)
    bids = sole_tenderer_bids(ctx, valid_bids(ctx)).select("ocid", "tenderer").distinct()
    joined = bids.join(award, "ocid")
    counts = joined.group_by("tenderer").aggregate(
        processes=joined.count(),
        wins=(joined.tenderer == joined.supplier).cast("int64").sum(),
    )
    tenderers = ctx.backend.cache(
        counts.mutate(ratio=counts.wins.cast("float64") / counts.processes)
    )
    processes = ctx.column(tenderers.processes)
    meta: dict[str, object] = {"percentile": params.percentile}
    if not processes:
        return RuleOutput([], meta)
    minimum = percentile(processes, params.percentile)
    found, used = fence_outliers(
        ctx, tenderers, "ratio", "lower", params.threshold,
        positive_q1=True, where=tenderers.processes >= minimum,
    )  # fmt: skip
    meta |= {"minimum_processes": minimum, **used}
    rows = [{**row, "minimum_processes": minimum, "percentile": params.percentile} for row in found]
    evidence = ["processes", "wins", "ratio", "minimum_processes", "percentile", "lower_fence"]
    return RuleOutput(
        flags(rows, SubjectType.SUPPLIER, "tenderer", "ratio", 1.0, evidence, None), meta
    )
