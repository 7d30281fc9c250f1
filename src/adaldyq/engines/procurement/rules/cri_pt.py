"""CRI-PT Risky procedure type: a component of the Corruption Risk Index (package `cri`)."""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri import ProcedureParams, component_output
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="CRI-PT",
        name="Risky procedure type (CRI)",
        subjects=(SubjectType.PROCESS,),
        family="cri",
        params=ProcedureParams,
        explain=(
            "The procedure ({procurement_method}, {procurement_method_details}) is in a risky "
            "procedure group: risk {risk}."
        ),
    )
)
def procedure_type(ctx: RuleContext, params: ProcedureParams) -> RuleOutput:
    return component_output(ctx, "CRI-PT", params)
