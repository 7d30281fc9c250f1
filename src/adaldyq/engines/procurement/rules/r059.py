"""R059 Contract value above the award value (covers R069, price increase by amendment).

The price won in competition should be the price signed and paid. OCDS shows the awarded price in
`awards[].value` and the contract's current price in `contracts[].value`; in a compiled release the
contract value is the latest one, so an increase made by amendment shows as a contract value
above the award value (OCDS 1.1 amendments themselves carry no values).
"""

from __future__ import annotations

import ibis
from pydantic import Field

from adaldyq.engines.procurement.award_values import contracts_with_awards, worst_per_process
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    increase_share: float = Field(
        0.10, ge=0, description="Flag when contract value > award value x (1 + this share)."
    )


@rule(
    RuleMeta(
        code="R059",
        name="Contract value above the award value",
        subjects=(SubjectType.PROCESS,),
        family="prices",
        ocp_codes=("R059", "R069"),
        params=Params,
        explain="Contract {contract_id} is worth {contract_value} {currency}, {increase_share} "
        "more than its award {award_id} ({award_value} {currency}); the limit is "
        "{limit_share}. The contract has {amendments} amendment(s).",
    )
)
def contract_above_award(ctx: RuleContext, params: Params) -> RuleOutput:
    pairs = contracts_with_awards(ctx)
    comparable = pairs.filter(
        (pairs.award_value > 0)
        & pairs.contract_value.notnull()
        & (pairs.contract_currency == pairs.award_currency)
    )
    # Compared as a product, not a difference of ratios, so an increase of exactly the limit
    # (110 on 100 at 10 %) is not flagged by a rounding error.
    limit = comparable.award_value * (1 + params.increase_share)
    over = comparable.filter(comparable.contract_value > limit).mutate(
        currency=comparable.contract_currency,
        increase_share=comparable.contract_value / comparable.award_value - 1,
        limit_share=ibis.literal(params.increase_share),
    )
    hits = worst_per_process(over, [ibis.desc("increase_share"), ibis.asc("contract_index")])
    evidence = [
        "contract_id", "award_id", "award_value", "contract_value", "currency",
        "increase_share", "limit_share", "amendments", "matches",
    ]  # fmt: skip
    rows = ctx.rows(hits.order_by("ocid"))
    return RuleOutput(
        flags(rows, SubjectType.PROCESS, "ocid", "increase_share", 1.0, evidence),
        {"increase_share": params.increase_share},
    )
