"""R062 Decision period extremely long: the award came long after bids closed.

A decision that drags far beyond the dataset's usual time leaves room for negotiation with
bidders and for pressure on the evaluation committee (CRI decision-period component).
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
        code="R062",
        name="Decision period extremely long",
        subjects=(SubjectType.PROCESS,),
        family="timing",
        ocp_codes=("R062",),
        params=DecisionParams,
        explain="The award came {days} days after bids closed ({tender_period_end} to "
        "{award_date}); the upper limit is {threshold_days} days.",
    )
)
def long_decision_period(ctx: RuleContext, params: DecisionParams) -> RuleOutput:
    periods = decision_periods(ctx, params.award_statuses)
    evidence = ["tender_period_end", "award_date", "procurement_method"]
    return duration_outliers(ctx, periods, "upper", params, evidence)
