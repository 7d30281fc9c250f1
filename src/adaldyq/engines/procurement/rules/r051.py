"""R051 High market concentration: an item class whose Herfindahl-Hirschman index exceeds 2,500.

The subject is the market, which has no subject type of its own; the finding is attached to the
market's largest supplier (SUPPLIER) and names the class, so there is one finding per concentrated
market and the audit list can still reach an organisation.
"""

from __future__ import annotations

import ibis
from pydantic import Field

from adaldyq.engines.procurement.concentration import class_shares
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    """HHI above which a market is highly concentrated (US merger guidelines 2010: 2,500).

    The 2023 guidelines lowered it to 1,800; 2,500 is OCP's and the brief's default.
    """

    threshold: float = Field(2500, gt=0, le=10_000)
    digits: int = Field(2, ge=1)
    minimum_awards: int = Field(10, ge=1)


@rule(
    RuleMeta(
        code="R051",
        name="High market concentration",
        subjects=(SubjectType.SUPPLIER,),
        family="concentration",
        ocp_codes=("R051",),
        params=Params,
        explain="Market {item_class} is highly concentrated: HHI {hhi:.0f} over {market_suppliers} "
        "suppliers; its largest supplier has {leader_share:.0%} of the value.",
    )
)
def high_market_concentration(ctx: RuleContext, params: Params) -> RuleOutput:
    shares = class_shares(ctx, params.digits)
    markets = shares.group_by("item_class").aggregate(
        hhi=((shares.share * 100) ** 2).sum(),
        market_value=shares.group_value.max(),
        market_awards=shares.group_awards.max(),
        market_suppliers=shares.group_suppliers.max(),
    )
    rank = ibis.row_number().over(
        group_by="item_class", order_by=[ibis.desc("share"), "supplier_org_id"]
    )
    leaders = (
        shares.mutate(rank=rank)
        .filter(lambda t: t.rank == 0)
        .select("item_class", "supplier_org_id", leader_share=shares.share)
    )
    hit = markets.filter(
        (markets.hhi > params.threshold) & (markets.market_awards >= params.minimum_awards)
    ).join(leaders, "item_class")
    rows = ctx.rows(hit)
    evidence = ["item_class", "hhi", "market_value", "market_awards", "market_suppliers",
                "leader_share"]  # fmt: skip
    out = flags(rows, SubjectType.SUPPLIER, "supplier_org_id", "hhi", 1.0, evidence, None)
    return RuleOutput(
        sorted(out, key=lambda f: (f.subject_id, str(f.evidence))),
        {"threshold": params.threshold, "digits": params.digits,
         "minimum_awards": params.minimum_awards, "currency": ctx.main_currency},
    )  # fmt: skip
