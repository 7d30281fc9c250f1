"""R028 Identical bid prices: different tenderers bid exactly the same price in one process.

Cardinal's definition (`src/indicators/r028.rs`): among submitted bids with an amount, a currency
and at least one identified tenderer, in processes whose bids compare on price, two bids with the
same (amount, currency) but different sets of tenderer ids. The same tenderers repeating a price
is allowed. Independent firms pricing their own costs rarely land on the same figure; identical
prices suggest the bids were written together.

Cardinal walks the bids in order and compares each with the previous bid at that price; that
flags every tenderer of a price group as soon as the group holds two different sets, which is
what is computed here with set sizes: all bids of a group share one set exactly when each bid's
set is as large as the group's union of tenderers.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from adaldyq.engines.procurement.cardinal_common import bid_tenderers, submitted_bids
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

PRICE = ["ocid", "value_amount", "value_currency"]
EVIDENCE = ["ocid", "tenderers", "identical_prices"]


@rule(
    RuleMeta(
        code="R028",
        name="Identical bid prices",
        subjects=(SubjectType.PROCESS, SubjectType.SUPPLIER),
        family="cardinal",
        ocp_codes=("R028",),
        params=RuleParams,
        price_comparison=True,
        explain="Different tenderers ({tenderers}) submitted bids with identical prices: "
        "{identical_prices}.",
    )
)
def identical_bid_prices(ctx: RuleContext, params: RuleParams) -> RuleOutput:
    del params  # R028 has no settings
    bids = submitted_bids(ctx)
    priced = bids.filter(bids.value_amount.notnull() & bids.value_currency.notnull())
    priced = priced.semi_join(ctx.price_comparison(ctx.processes).select("ocid"), "ocid")
    rows = priced.join(bid_tenderers(ctx), ["ocid", "bid_index"])
    per_bid = rows.group_by([*PRICE, "bid_index"]).aggregate(bid_size=rows.tenderer.nunique())
    smallest = per_bid.group_by(PRICE).aggregate(smallest=per_bid.bid_size.min())
    union = rows.group_by(PRICE).aggregate(group_size=rows.tenderer.nunique())
    groups = smallest.join(union, PRICE)
    shared = groups.filter(groups.smallest < groups.group_size).select(PRICE)
    found = rows.join(shared, PRICE).select("tenderer", *PRICE).distinct()
    per_process = _evidence(ctx.rows(found))
    result = flags(per_process, SubjectType.PROCESS, "ocid", 1.0, 1.0, EVIDENCE)
    involved = [
        {**process, "tenderer": tenderer}
        for process in per_process
        for tenderer in process["tenderers"]
    ]
    result += flags(involved, SubjectType.SUPPLIER, "tenderer", 1.0, 1.0, EVIDENCE)
    return RuleOutput(result, {})


def _evidence(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per process: its identical prices, each with its tenderers, in a stable order."""
    prices: dict[str, dict[tuple[float, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        prices[row["ocid"]][(row["value_amount"], row["value_currency"])].add(row["tenderer"])
    return [
        {
            "ocid": ocid,
            "tenderers": sorted(set().union(*groups.values())),
            "identical_prices": [
                {"amount": amount, "currency": currency, "tenderers": sorted(ids)}
                for (amount, currency), ids in sorted(groups.items())
            ],
        }
        for ocid, groups in sorted(prices.items())
    ]
