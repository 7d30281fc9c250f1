"""R058 Heavily discounted bid: the winning bid is far below the next lowest bid.

Cardinal's definition (`src/indicators/r058.rs` over `SecondLowestBidRatio`): the ratio
(L - W) / W of `cardinal_common.bid_price_ratios` is flagged when it is at or above the upper
Tukey fence of all ratios, computed only if that fence is positive. A `threshold` replaces the
fence. A winner that undercuts everyone by far may expect to recover the difference later
(amendments, lower quality) or know something the others did not.
"""

from __future__ import annotations

from adaldyq.engines.procurement.cardinal_common import bid_price_ratios, fence_outliers
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EVIDENCE = (
    "ocid", "winner", "winner_amount", "runner_up", "runner_up_amount", "currency", "ratio",
    "upper_fence",
)  # fmt: skip


class Params(RuleParams):
    threshold: float | None = None


@rule(
    RuleMeta(
        code="R058",
        name="Heavily discounted bid",
        subjects=(SubjectType.PROCESS, SubjectType.SUPPLIER),
        family="cardinal",
        ocp_codes=("R058",),
        params=Params,
        price_comparison=True,
        explain="The winning bid ({winner_amount} {currency} by {winner}) is so far below the "
        "next lowest bid ({runner_up_amount} {currency} by {runner_up}) that the difference is "
        "{ratio} times the winning bid, at or above the upper fence {upper_fence}.",
    )
)
def heavily_discounted_bid(ctx: RuleContext, params: Params) -> RuleOutput:
    ratios = bid_price_ratios(ctx)
    rows, meta = fence_outliers(ctx, ratios, "ratio", "upper", params.threshold, positive_q1=False)
    found = flags(rows, SubjectType.PROCESS, "ocid", "ratio", 1.0, EVIDENCE)
    found += flags(rows, SubjectType.SUPPLIER, "winner", 0.0, 1.0, EVIDENCE)
    return RuleOutput(found, {**meta, "currency": ctx.main_currency})
