"""CRI-NC No call for tender: a component of the Corruption Risk Index (package `cri`)."""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri import NoCallParams, component_output
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="CRI-NC",
        name="No call for tender (CRI)",
        subjects=(SubjectType.PROCESS,),
        family="cri",
        params=NoCallParams,
        explain=(
            "No call for tender was published (no valid advertisement period) in a "
            "{procurement_method} procedure of the highest-risk procedure group."
        ),
    )
)
def no_call_for_tender(ctx: RuleContext, params: NoCallParams) -> RuleOutput:
    return component_output(ctx, "CRI-NC", params)
