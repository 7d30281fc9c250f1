"""R031 Award very close to or above the estimate.

When the winning price lands on the buyer's estimate (or above it), the estimate may have been
shared with the winner, or competition failed to push the price down. The sum of a process's
active award amounts is divided by `tender.value`; both must be in the same currency.
"""

from __future__ import annotations

import ibis
from pydantic import Field

from adaldyq.engines.procurement.award_values import active_award_totals
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    threshold: float = Field(0.98, gt=0, description="Flag when award/estimate >= this ratio.")
    above_score: float = Field(1.0, ge=0, le=1, description="Score when the award exceeds it.")
    close_score: float = Field(0.5, ge=0, le=1, description="Score when close but not above.")
    award_statuses: list[str] = Field(
        default_factory=lambda: ["active"], description="Award statuses whose values are summed."
    )


@rule(
    RuleMeta(
        code="R031",
        name="Award close to or above the estimate",
        subjects=(SubjectType.PROCESS,),
        family="prices",
        ocp_codes=("R031",),
        params=Params,
        explain="The award value {award_value} {currency} is {ratio} of the estimate "
        "{tender_value} {currency} (limit {threshold}; above the estimate: {above_estimate}).",
    )
)
def award_close_to_estimate(ctx: RuleContext, params: Params) -> RuleOutput:
    p = ctx.processes
    estimated = p.filter((p.tender_value_amount > 0) & p.tender_value_currency.notnull()).select(
        "ocid", "tender_value_amount", "tender_value_currency"
    )
    totals = active_award_totals(ctx, params.award_statuses)
    joined = estimated.join(totals, "ocid")
    joined = joined.filter(joined.award_currency == joined.tender_value_currency)
    ratio = joined.award_value / joined.tender_value_amount
    scored = joined.select(
        "ocid",
        "award_value",
        "active_awards",
        tender_value=joined.tender_value_amount,
        currency=joined.tender_value_currency,
        ratio=ratio,
        above_estimate=ratio > 1,
        threshold=ibis.literal(params.threshold),
        score=ibis.ifelse(ratio > 1, params.above_score, params.close_score),
    )
    hits = scored.filter(scored.ratio >= params.threshold).order_by("ocid")
    evidence = [
        "award_value", "tender_value", "currency", "ratio", "above_estimate", "active_awards",
        "threshold",
    ]  # fmt: skip
    return RuleOutput(
        flags(ctx.rows(hits), SubjectType.PROCESS, "ocid", "ratio", "score", evidence),
        {"threshold": params.threshold, "award_statuses": params.award_statuses},
    )
