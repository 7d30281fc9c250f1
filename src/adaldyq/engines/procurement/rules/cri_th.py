"""CRI-TH Tax-haven supplier: a component of the Corruption Risk Index (package `cri`)."""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri import TaxHavenParams, component_output
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="CRI-TH",
        name="Tax-haven supplier (CRI)",
        subjects=(SubjectType.PROCESS,),
        family="cri",
        params=TaxHavenParams,
        explain=(
            "Supplier {supplier_org_id} is registered in {supplier_country}, whose Financial "
            "Secrecy Index {fsi_edition} secrecy score {secrecy_score} is above {threshold}."
        ),
    )
)
def tax_haven(ctx: RuleContext, params: TaxHavenParams) -> RuleOutput:
    return component_output(ctx, "CRI-TH", params)
