"""R017 Unit price out of line (covers OCP R016 and R017).

An item bought far above what the same item costs elsewhere in the dataset, or above an official
reference price, is the footprint of overpricing: an inflated estimate, a favoured supplier, or a
kickback paid out of the margin. Per item class (scheme, id, unit, currency) a price is flagged
at or above Q3 + k x IQR of its class, or above the reference price list when one is given.
"""

from __future__ import annotations

from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from pydantic import Field

from adaldyq.engines.procurement.award_values import worst_per_process
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.engines.procurement.unit_prices import (
    CLASS_KEY,
    class_fences,
    reference_prices,
    unit_price_observations,
)
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    iqr_multiplier: float = Field(3.0, gt=0, description="k of the fence Q3 + k x IQR.")
    minimum_observations: int = Field(
        10, ge=4, description="Priced items a class needs before it gets a fence."
    )
    reference_prices: Path | None = Field(
        None,
        description="CSV: classification_scheme, classification_id, unit, currency, price, "
        "source (the form PL01 reads).",
    )
    reference_ratio: float = Field(
        1.0, gt=0, description="Flag a price above the reference price x this ratio."
    )


@rule(
    RuleMeta(
        code="R017",
        name="Unit price out of line",
        subjects=(SubjectType.PROCESS,),
        family="prices",
        ocp_codes=("R016", "R017"),
        params=Params,
        explain="Unit price {unit_price} {currency} per {unit} for {classification_scheme} "
        "{classification_id} is {excess_ratio} times the {compared_with} (class of {n} prices: "
        "median {median}, fence {upper_fence}; reference {reference_unit_price}).",
    )
)
def unit_price_out_of_line(ctx: RuleContext, params: Params) -> RuleOutput:
    observations = ctx.backend.cache(unit_price_observations(ctx))
    fences = class_fences(ctx, observations, params.minimum_observations, params.iqr_multiplier)
    meta: dict[str, object] = {
        "iqr_multiplier": params.iqr_multiplier,
        "minimum_observations": params.minimum_observations,
        "classes_with_fence": fences.num_rows,
        "reference_prices": str(params.reference_prices) if params.reference_prices else None,
        "reference_ratio": params.reference_ratio,
    }
    reference = reference_prices(params.reference_prices)
    meta["reference_rows"] = reference.num_rows
    if fences.num_rows == 0 and reference.num_rows == 0:
        return RuleOutput([], meta)
    compared = _with_yardsticks(observations, fences, reference)
    price = compared.unit_price
    marked = compared.mutate(
        by_fence=((price >= compared.upper_fence) & (price > compared.q3)).fill_null(False),
        by_reference=(price > compared.reference_unit_price * params.reference_ratio).fill_null(
            False
        ),
    )
    flagged = marked.filter(marked.by_fence | marked.by_reference)
    rated = flagged.mutate(
        compared_with=ibis.ifelse(flagged.by_reference, "reference price", "class median"),
        excess_ratio=flagged.unit_price
        / ibis.ifelse(flagged.by_reference, flagged.reference_unit_price, flagged.median),
    )
    order = [
        ibis.desc("excess_ratio"),
        *map(ibis.asc, ["item_scope", "parent_index", "item_index"]),
    ]
    hits = worst_per_process(rated, order)
    evidence = [
        "item_scope", "item_index", "item_id", "description", *CLASS_KEY, "unit_price", "n",
        "q1", "median", "q3", "upper_fence", "reference_unit_price", "reference_source",
        "excess_ratio", "compared_with", "matches",
    ]  # fmt: skip
    rows = ctx.rows(hits.order_by("ocid"))
    return RuleOutput(flags(rows, SubjectType.PROCESS, "ocid", "excess_ratio", 1.0, evidence), meta)


def _with_yardsticks(observations: ir.Table, fences: pa.Table, reference: pa.Table) -> ir.Table:
    """Observations beside their class fence and reference price (null where there is none)."""
    fence = ibis.memtable(fences)
    with_fence = observations.left_join(fence, CLASS_KEY)
    with_fence = with_fence.select(
        *[with_fence[name] for name in observations.columns],
        *[with_fence[name] for name in ("n", "q1", "median", "q3", "upper_fence")],
    )
    listed = ibis.memtable(reference)
    joined = with_fence.left_join(listed, CLASS_KEY)
    return joined.select(
        *[joined[name] for name in with_fence.columns],
        joined.reference_unit_price,
        joined.reference_source,
    )
