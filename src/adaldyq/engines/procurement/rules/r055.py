"""R055 / R049 Split direct awards: one buyer, one supplier, several awards below the threshold.

OCP's R049 (several direct awards to a supplier, each just below the threshold) and R055 (several
direct awards above or just below it in total) are the same grouping, so one rule raises both;
the logic lives in `splitting.py`, shared with R011.
"""

from __future__ import annotations

from adaldyq.engines.procurement.awarded import awarded
from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.engines.procurement.splitting import SplitParams, split_purchases
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="R055",
        name="Split direct awards to one supplier",
        subjects=(SubjectType.SUPPLIER,),
        family="splitting",
        ocp_codes=("R049", "R055"),
        params=SplitParams,
        explain="Buyer {buyer_org_id} gave this supplier {awards} non-competitive awards in budget "
        "year {budget_year}, each below the threshold of {threshold}, together {total_value}; "
        "{just_below_awards} of them within {margin_percent}% below it.",
    )
)
def split_direct_awards(ctx: RuleContext, params: SplitParams) -> RuleOutput:
    won = awarded(ctx)
    single = won.filter(won.supplier_count == 1)
    return split_purchases(ctx, params, single, "supplier_org_id", SubjectType.SUPPLIER)
