"""CRI-AP Risky advertisement period: a component of the Corruption Risk Index (package `cri`)."""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri import AdvertisementParams, component_output
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="CRI-AP",
        name="Risky advertisement period (CRI)",
        subjects=(SubjectType.PROCESS,),
        family="cri",
        params=AdvertisementParams,
        explain=(
            "The advertisement period of {advertisement_days} days falls in decile {decile} "
            "of this dataset, a risky decile: risk {risk}."
        ),
    )
)
def advertisement_period(ctx: RuleContext, params: AdvertisementParams) -> RuleOutput:
    return component_output(ctx, "CRI-AP", params)
