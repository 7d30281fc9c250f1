"""R036 Lowest bid disqualified: the cheapest bid was thrown out and a dearer one won.

Cardinal's definition (`src/indicators/r036.rs`): in a process whose bids compare on price and
that has at least one active award, among submitted bids with an amount in the main currency, the
lowest amount (the first such bid on a tie) has the status `disqualified`, and at least one valid
bid has an amount. Disqualifying the cheapest offer on a technicality is a common way to hand the
contract to a favoured, more expensive bidder.
"""

from __future__ import annotations

import ibis

from adaldyq.engines.procurement.cardinal_common import in_main_currency, submitted_bids
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

EVIDENCE = [
    "lowest_bid_index", "lowest_bid_id", "lowest_bid_amount", "lowest_valid_bid_amount", "currency",
]  # fmt: skip


@rule(
    RuleMeta(
        code="R036",
        name="Lowest bid disqualified",
        subjects=(SubjectType.PROCESS,),
        family="cardinal",
        ocp_codes=("R036",),
        params=RuleParams,
        price_comparison=True,
        explain="The lowest bid ({lowest_bid_amount} {currency}) was disqualified, while a valid "
        "bid of {lowest_valid_bid_amount} {currency} remained.",
    )
)
def lowest_bid_disqualified(ctx: RuleContext, params: RuleParams) -> RuleOutput:
    del params  # R036 has no settings
    awards = ctx.table("awards")
    awarded = (
        ctx.price_comparison(ctx.processes)
        .select("ocid")
        .semi_join(awards.filter(awards.status == "active"), "ocid")
    )
    bids = in_main_currency(ctx, submitted_bids(ctx)).semi_join(awarded, "ocid")
    order = ibis.row_number().over(group_by=bids.ocid, order_by=[bids.value_amount, bids.bid_index])
    ranked = bids.mutate(position=order)
    lowest = ranked.filter((ranked.position == 0) & (ranked.status == "disqualified")).select(
        "ocid",
        lowest_bid_index=ranked.bid_index,
        lowest_bid_id=ranked.bid_id,
        lowest_bid_amount=ranked.value_amount,
        currency=ranked.value_currency,
    )
    valid = bids.filter(bids.status == "valid")
    cheapest_valid = valid.group_by("ocid").aggregate(
        lowest_valid_bid_amount=valid.value_amount.min()
    )
    rows = ctx.rows(lowest.join(cheapest_valid, "ocid"))
    found = flags(rows, SubjectType.PROCESS, "ocid", 1.0, 1.0, EVIDENCE)
    return RuleOutput(found, {"currency": ctx.main_currency})
