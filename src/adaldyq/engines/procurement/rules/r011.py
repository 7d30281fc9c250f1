"""R011 Split purchases: one buyer buys one item class in several pieces below the threshold.

The same test as R049/R055 (`splitting.py`), grouped by the item class a process buys in rather
than by supplier: a buyer can also split by spreading pieces over several suppliers.
"""

from __future__ import annotations

from pydantic import Field

from adaldyq.engines.procurement.awarded import awarded
from adaldyq.engines.procurement.concentration import item_classes
from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.engines.procurement.splitting import SplitParams, split_purchases
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(SplitParams):
    """Splitting settings plus the length of the classification prefix that makes a class."""

    digits: int = Field(4, ge=1)


@rule(
    RuleMeta(
        code="R011",
        name="Split purchases of one item class",
        subjects=(SubjectType.BUYER,),
        family="splitting",
        ocp_codes=("R011",),
        params=Params,
        explain="This buyer made {awards} non-competitive purchases of {item_class} in budget year "
        "{budget_year}, each below the threshold of {threshold}, together {total_value}; "
        "{just_below_awards} of them within {margin_percent}% below it.",
    )
)
def split_purchases_by_class(ctx: RuleContext, params: Params) -> RuleOutput:
    won = awarded(ctx)
    single = won.filter(won.supplier_count == 1)
    classes = item_classes(ctx, params.digits)
    pieces = single.join(classes, "ocid")
    pieces = pieces.mutate(value=pieces.value * pieces.weight)
    return split_purchases(ctx, params, pieces, "item_class", SubjectType.BUYER)
