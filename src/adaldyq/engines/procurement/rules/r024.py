"""R024 Price close to winning bid: the runner-up priced its bid barely above the winner's.

Cardinal's definition (`src/indicators/r024.rs` over `SecondLowestBidRatio`): the ratio
(L - W) / W of `cardinal_common.bid_price_ratios` is flagged when it is at or below the lower
Tukey fence of all ratios, computed only if Q1 > 0 and the fence > 0 (otherwise most processes
sit at zero and the fence would flag a majority). A `threshold` replaces the fence. Losing bids
placed just above the winner's are how a cartel's cover bids often look.
"""

from __future__ import annotations

from adaldyq.engines.procurement.cardinal_common import bid_price_ratios, fence_outliers
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EVIDENCE = (
    "ocid", "winner", "winner_amount", "runner_up", "runner_up_amount", "currency", "ratio",
    "lower_fence",
)  # fmt: skip


class Params(RuleParams):
    threshold: float | None = None


@rule(
    RuleMeta(
        code="R024",
        name="Price close to winning bid",
        subjects=(SubjectType.PROCESS, SubjectType.SUPPLIER),
        family="cardinal",
        ocp_codes=("R024",),
        params=Params,
        price_comparison=True,
        explain="The lowest losing bid ({runner_up_amount} {currency} by {runner_up}) exceeds "
        "the winning bid ({winner_amount} {currency} by {winner}) by only {ratio} of it, at or "
        "below the lower fence {lower_fence}.",
    )
)
def price_close_to_winning_bid(ctx: RuleContext, params: Params) -> RuleOutput:
    ratios = bid_price_ratios(ctx)
    rows, meta = fence_outliers(ctx, ratios, "ratio", "lower", params.threshold, positive_q1=True)
    found = flags(rows, SubjectType.PROCESS, "ocid", "ratio", 1.0, EVIDENCE)
    for tenderer in ("winner", "runner_up"):
        found += flags(rows, SubjectType.SUPPLIER, tenderer, 0.0, 1.0, EVIDENCE)
    return RuleOutput(found, {**meta, "currency": ctx.main_currency})
