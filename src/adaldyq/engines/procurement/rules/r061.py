"""R061 Decision period extremely short: awarded almost as soon as bids closed.

A decision taken in days where the dataset usually takes weeks suggests the evaluation was a
formality because the winner was known in advance (CRI decision-period component).
"""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.durations import (
    DecisionParams,
    decision_periods,
    duration_outliers,
)
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="R061",
        name="Decision period extremely short",
        subjects=(SubjectType.PROCESS,),
        family="timing",
        ocp_codes=("R061",),
        params=DecisionParams,
        explain="The award came {days} days after bids closed ({tender_period_end} to "
        "{award_date}); the lower limit is {threshold_days} days.",
    )
)
def short_decision_period(ctx: RuleContext, params: DecisionParams) -> RuleOutput:
    periods = decision_periods(ctx, params.award_statuses)
    evidence = ["tender_period_end", "award_date", "procurement_method"]
    return duration_outliers(ctx, periods, "lower", params, evidence)
