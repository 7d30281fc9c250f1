"""R013 High use of non-competitive methods: a buyer's share of direct/limited processes per year.

The share is compared with the upper Tukey fence of all buyer-years of the dataset (type-8
quartiles, as in Cardinal), or with a configured share. The share by value is evidence only:
a count share is comparable across buyers of any size, values are often missing.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.awarded import awarded, budget_year
from adaldyq.engines.procurement.context import RuleContext, fences, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    """Which methods are non-competitive, an optional fixed share, the smallest buyer-year."""

    procurement_methods: list[str] = Field(default_factory=lambda: ["direct", "limited"])
    threshold: float | None = Field(None, gt=0, le=1)
    minimum_processes: int = Field(5, ge=1)


@rule(
    RuleMeta(
        code="R013",
        name="High use of non-competitive methods",
        subjects=(SubjectType.BUYER,),
        family="competition",
        ocp_codes=("R013",),
        params=Params,
        explain="In {year}, {non_competitive_processes} of this buyer's {processes} processes "
        "({share:.0%}) used non-competitive methods; the limit is {limit:.0%}.",
    )
)
def non_competitive_share(ctx: RuleContext, params: Params) -> RuleOutput:
    years = _buyer_years(ctx, params)
    judged = years.filter(years.processes >= params.minimum_processes)
    meta: dict[str, object] = {"procurement_methods": params.procurement_methods,
                               "minimum_processes": params.minimum_processes}  # fmt: skip
    shares = ctx.column(judged.share)
    if params.threshold is not None:
        limit = params.threshold
        meta["threshold"] = limit
    elif shares:
        fence = fences(shares)
        meta |= fence
        limit = fence["upper_fence"]
        if limit <= 0:
            meta["skipped"] = "the upper fence is not above 0: most buyers use no such method"
            return RuleOutput([], meta)
    else:
        return RuleOutput([], meta)
    hit = judged.filter(judged.share >= limit).mutate(limit=ibis.literal(limit))
    evidence = ["year", "processes", "non_competitive_processes", "share", "awarded_value",
                "non_competitive_value", "value_share", "limit"]  # fmt: skip
    out = flags(ctx.rows(hit), SubjectType.BUYER, "buyer_org_id", "share", "share", evidence, None)
    return RuleOutput(sorted(out, key=lambda f: (f.subject_id, str(f.evidence))), meta)


def _buyer_years(ctx: RuleContext, params: Params) -> ir.Table:
    """Per buyer and budget year: processes, non-competitive ones, their awarded values.

    A process's year is that of its tender publication, else its tender period start, else its
    first award; a process with none of these dates is left out.
    """
    won = awarded(ctx)
    per_process = won.group_by("ocid").aggregate(
        first_award=won.award_date.min(), value=won.value.sum()
    )
    p = ctx.processes.filter(
        ctx.processes.buyer_org_id.notnull() & ctx.processes.procurement_method.notnull()
    )
    joined = p.left_join(per_process, "ocid")
    when = joined.tender_date_published_ts.coalesce(
        joined.tender_period_start_ts, joined.first_award
    )
    rows = joined.select(
        "buyer_org_id", "value",
        year=budget_year(when, ctx.profile.budget_year_end_month),
        direct=joined.procurement_method.isin(params.procurement_methods),
    ).filter(lambda t: t.year.notnull())  # fmt: skip
    years = rows.group_by(["buyer_org_id", "year"]).aggregate(
        processes=rows.count(),
        non_competitive_processes=rows.direct.cast("int64").sum(),
        awarded_value=rows.value.sum(),
        non_competitive_value=ibis.ifelse(rows.direct, rows.value, 0.0).sum(),
    )
    return years.mutate(
        share=years.non_competitive_processes / years.processes,
        value_share=ibis.ifelse(
            years.awarded_value > 0, years.non_competitive_value / years.awarded_value, None
        ),
    )
