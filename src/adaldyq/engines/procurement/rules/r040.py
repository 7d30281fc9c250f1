"""R040 High share of a buyer's contracts: one supplier takes most of a buyer's awarded value.

Per buyer and budget year, like the CRI's buyer spending concentration (`proa_ycsh4`), which is
computed only for buyers with more than four contracts in the year.
"""

from __future__ import annotations

from pydantic import Field

from adaldyq.engines.procurement.awarded import awarded
from adaldyq.engines.procurement.concentration import supplier_shares
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    """The share that counts as high and the fewest awards a buyer-year needs to be judged."""

    threshold: float = Field(0.5, gt=0, le=1)
    minimum_awards: int = Field(5, ge=1)


@rule(
    RuleMeta(
        code="R040",
        name="High share of a buyer's contracts",
        subjects=(SubjectType.BUYER,),
        family="concentration",
        ocp_codes=("R040",),
        params=Params,
        explain="In budget year {year}, supplier {supplier_org_id} received {share:.0%} of this "
        "buyer's awarded value ({supplier_value} of {buyer_value}, {supplier_awards} of "
        "{buyer_awards} awards).",
    )
)
def buyer_concentration(ctx: RuleContext, params: Params) -> RuleOutput:
    shares = supplier_shares(awarded(ctx), ["buyer_org_id", "year"])
    hit = shares.filter(
        (shares.share >= params.threshold) & (shares.group_awards >= params.minimum_awards)
    )
    rows = ctx.rows(
        hit.select(
            "buyer_org_id", "year", "supplier_org_id", "supplier_value", "supplier_awards",
            "share", buyer_value=hit.group_value, buyer_awards=hit.group_awards,
        )
    )  # fmt: skip
    evidence = ["year", "supplier_org_id", "supplier_value", "supplier_awards", "buyer_value",
                "buyer_awards", "share"]  # fmt: skip
    out = flags(rows, SubjectType.BUYER, "buyer_org_id", "share", "share", evidence, None)
    return RuleOutput(
        sorted(out, key=lambda f: (f.subject_id, str(f.evidence))),
        {"threshold": params.threshold, "minimum_awards": params.minimum_awards,
         "currency": ctx.main_currency},
    )  # fmt: skip
