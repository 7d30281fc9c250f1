"""CRI-SB Single bidding: a component of the Corruption Risk Index (package `cri`)."""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri import SingleBidParams, component_output
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="CRI-SB",
        name="Single bidding (CRI)",
        subjects=(SubjectType.PROCESS,),
        family="cri",
        params=SingleBidParams,
        explain=(
            "{single_bid_units} of {units} assessed lot(s) or process received a single bid "
            "(tenderers from {tenderer_source})."
        ),
    )
)
def single_bidding(ctx: RuleContext, params: SingleBidParams) -> RuleOutput:
    return component_output(ctx, "CRI-SB", params)
