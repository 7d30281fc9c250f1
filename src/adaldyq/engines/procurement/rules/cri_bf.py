"""CRI-BF Benford's law deviation: a component of the Corruption Risk Index (package `cri`)."""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri import BenfordParams, component_output
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="CRI-BF",
        name="Benford's law deviation (CRI)",
        subjects=(SubjectType.PROCESS,),
        family="cri",
        params=BenfordParams,
        explain=(
            "The {buyer_contracts} contract values of buyer {buyer_org_id} deviate from "
            "Benford's law (MAD {mad}, decile {decile} of this dataset): risk {risk}."
        ),
    )
)
def benford(ctx: RuleContext, params: BenfordParams) -> RuleOutput:
    return component_output(ctx, "CRI-BF", params)
