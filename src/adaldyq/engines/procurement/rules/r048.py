"""R048 Heterogeneous supplier: a supplier winning across unusually many kinds of items.

Cardinal's definition: over active awards with exactly one supplier, the distinct prefixes of
`digits` characters of `awards[].items[].classification.id` per supplier (its variety). A
supplier counts a process once, when such an award gave it a classified item. Among suppliers
with at least `minimum_contracting_processes` processes, those whose variety is at or above
Q3 + 1.5·IQR of the variety of all of them (or `threshold`) are flagged. Awards with several
suppliers are left out: nothing says which supplier delivers which item.
"""

from __future__ import annotations

from pydantic import Field

from adaldyq.engines.procurement.cardinal_common import active_award_suppliers, fence_outliers
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    digits: int = Field(2, ge=1)
    minimum_contracting_processes: int = Field(20, ge=1)
    threshold: int | None = Field(None, ge=1)


@rule(
    RuleMeta(
        code="R048",
        name="Heterogeneous supplier",
        subjects=(SubjectType.SUPPLIER,),
        family="cardinal",
        ocp_codes=("R048",),
        params=Params,
        explain="This supplier won items of {variety} different classification groups "
        "({digits}-character prefixes) in {processes} processes, at or above the upper fence "
        "of {upper_fence}.",
    )
)
def heterogeneous_supplier(ctx: RuleContext, params: Params) -> RuleOutput:
    awards = ctx.table("awards")
    single = awards.filter((awards.status == "active") & (awards.supplier_count == 1))
    supplied = single.select("ocid", "award_index").join(
        active_award_suppliers(ctx), ["ocid", "award_index"]
    )
    items = ctx.table("items")
    classified = items.filter((items.scope == "award") & items.classification_id.notnull())
    rows = supplied.join(
        classified,
        [supplied.ocid == classified.ocid, supplied.award_index == classified.parent_index],
    )
    rows = rows.mutate(prefix=rows.classification_id.substr(0, params.digits))
    per_supplier = rows.group_by("supplier").aggregate(
        variety=rows.prefix.nunique().cast("int64"),
        processes=rows.ocid.nunique().cast("int64"),
        prefixes=rows.prefix.collect(distinct=True),
    )
    eligible = per_supplier.filter(per_supplier.processes >= params.minimum_contracting_processes)
    hits, meta = fence_outliers(
        ctx, eligible, "variety", "upper", params.threshold, positive_q1=False
    )
    for row in hits:
        row.update(prefixes=sorted(row["prefixes"]), digits=params.digits)
    evidence = ["variety", "prefixes", "processes", "digits", "upper_fence"]
    return RuleOutput(
        flags(hits, SubjectType.SUPPLIER, "supplier", "variety", 1.0, evidence, None),
        {**params.model_dump(), **meta},
    )
