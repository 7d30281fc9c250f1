"""R018 Single bid: a competitive procedure that received exactly one tender.

Cardinal's definition: `tender.numberOfTenderers` is a JSON integer equal to 1 and
`tender.procurementMethod` is in the configured set (open and selective by default).
"""

from __future__ import annotations

from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    procurement_methods: tuple[str, ...] = ("open", "selective")


@rule(
    RuleMeta(
        code="R018",
        name="Single bid",
        subjects=(SubjectType.PROCESS,),
        family="cardinal",
        ocp_codes=("R018",),
        params=Params,
        explain="Only {number_of_tenderers} tenderer took part in this {procurement_method} "
        "procedure.",
    )
)
def single_bid(ctx: RuleContext, params: Params) -> RuleOutput:
    p = ctx.processes
    hit = p.filter(
        (p.number_of_tenderers == 1) & p.procurement_method.isin(params.procurement_methods)
    ).select("ocid", "number_of_tenderers", "procurement_method")
    rows = ctx.rows(hit)
    return RuleOutput(
        flags(
            rows,
            SubjectType.PROCESS,
            "ocid",
            1.0,
            1.0,
            ["number_of_tenderers", "procurement_method"],
        ),
        {"procurement_methods": params.procurement_methods},
    )
