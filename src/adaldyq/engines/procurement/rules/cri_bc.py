"""CRI-BC Buyer spending concentration: a component of the Corruption Risk Index (package `cri`)."""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri import ConcentrationParams, component_output
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="CRI-BC",
        name="Buyer spending concentration (CRI)",
        subjects=(SubjectType.PROCESS,),
        family="cri",
        params=ConcentrationParams,
        explain=(
            "Supplier {supplier_org_id} received a share of {risk} of buyer {buyer_org_id}'s "
            "spending in {year} ({buyer_contracts} contracts)."
        ),
    )
)
def spending_concentration(ctx: RuleContext, params: ConcentrationParams) -> RuleOutput:
    return component_output(ctx, "CRI-BC", params)
