"""R050 High market share: a supplier takes a large part of one item class's awarded value."""

from __future__ import annotations

from pydantic import Field

from adaldyq.engines.procurement.concentration import class_shares
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    """The share that counts as high, the class prefix and the smallest market worth judging."""

    threshold: float = Field(0.5, gt=0, le=1)
    digits: int = Field(2, ge=1)
    minimum_awards: int = Field(10, ge=1)


@rule(
    RuleMeta(
        code="R050",
        name="High market share",
        subjects=(SubjectType.SUPPLIER,),
        family="concentration",
        ocp_codes=("R050",),
        params=Params,
        explain="This supplier received {share:.0%} of the value awarded in market {item_class} "
        "({supplier_value} of {market_value}, {supplier_awards} of {market_awards} awards).",
    )
)
def high_market_share(ctx: RuleContext, params: Params) -> RuleOutput:
    shares = class_shares(ctx, params.digits)
    hit = shares.filter(
        (shares.share >= params.threshold) & (shares.group_awards >= params.minimum_awards)
    )
    rows = ctx.rows(
        hit.select(
            "item_class", "supplier_org_id", "supplier_value", "supplier_awards", "share",
            market_value=hit.group_value, market_awards=hit.group_awards,
            market_suppliers=hit.group_suppliers,
        )
    )  # fmt: skip
    evidence = ["item_class", "supplier_value", "supplier_awards", "market_value",
                "market_awards", "market_suppliers", "share"]  # fmt: skip
    out = flags(rows, SubjectType.SUPPLIER, "supplier_org_id", "share", "share", evidence, None)
    return RuleOutput(
        sorted(out, key=lambda f: (f.subject_id, str(f.evidence))),
        {"threshold": params.threshold, "digits": params.digits,
         "minimum_awards": params.minimum_awards, "currency": ctx.main_currency},
    )  # fmt: skip
