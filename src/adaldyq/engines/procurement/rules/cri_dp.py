"""CRI-DP Risky decision period: a component of the Corruption Risk Index (package `cri`)."""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri import DecisionParams, component_output
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="CRI-DP",
        name="Risky decision period (CRI)",
        subjects=(SubjectType.PROCESS,),
        family="cri",
        params=DecisionParams,
        explain=(
            "The decision period of {decision_days} days falls in decile {decile} of this "
            "dataset, a risky decile: risk {risk}."
        ),
    )
)
def decision_period(ctx: RuleContext, params: DecisionParams) -> RuleOutput:
    return component_output(ctx, "CRI-DP", params)
