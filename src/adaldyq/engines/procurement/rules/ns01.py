"""NS01 New supplier: the winner was founded or registered shortly before the award.

A pattern of the seed report (§10: verification of counterparties) and of the CRI's
`NEW_COMPANY`, not an OCP code: a firm created for a contract has no track record to earn it and
is a common vehicle for an official's affiliate. The date is `parties[].details.foundingDate`
(else `registrationDate`); the earliest date any release gives for the organisation is used.
"""

from __future__ import annotations

import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.awarded import awarded
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    """How many days after its founding a supplier still counts as new."""

    days: int = Field(365, ge=0)


@rule(
    RuleMeta(
        code="NS01",
        name="New supplier",
        subjects=(SubjectType.PROCESS,),
        family="integrity",
        params=Params,
        explain="Supplier {supplier_org_id} was founded on {founding_date}, {days_since_founding} "
        "days before the award of {award_date} (limit {max_days} days).",
    )
)
def new_supplier(ctx: RuleContext, params: Params) -> RuleOutput:
    parties = ctx.table("parties")
    dated = parties.filter(parties.org_id.notnull()).select(
        "org_id", founded=parties.founding_date.substr(0, 10).try_cast("date")
    )
    founded = (
        dated.filter(dated.founded.notnull())
        .group_by("org_id")
        .aggregate(founding_date=dated.founded.min())
    )
    won = awarded(ctx)
    suppliers = won.select("supplier_org_id").distinct()
    known = suppliers.semi_join(founded, suppliers.supplier_org_id == founded.org_id)
    meta = {
        "days": params.days,
        "suppliers": _count(ctx, suppliers),
        "suppliers_with_founding_date": _count(ctx, known),
    }
    if not meta["suppliers_with_founding_date"]:
        return RuleOutput([], meta | {"applicable": False})
    first = (
        won.filter(won.award_date.notnull())
        .group_by(["ocid", "supplier_org_id"])
        .aggregate(award_date=won.award_date.min().date())
    )
    joined = first.join(founded, first.supplier_org_id == founded.org_id)
    aged = joined.mutate(
        days_since_founding=joined.award_date.delta(joined.founding_date, unit="day")
    )
    hit = aged.filter(
        (aged.days_since_founding >= 0) & (aged.days_since_founding <= params.days)
    ).mutate(max_days=params.days)
    evidence = ["supplier_org_id", "founding_date", "award_date", "days_since_founding",
                "max_days"]  # fmt: skip
    out = flags(ctx.rows(hit), SubjectType.PROCESS, "ocid", "days_since_founding", 1.0, evidence)
    return RuleOutput(sorted(out, key=lambda f: (f.subject_id, str(f.evidence))), meta)


def _count(ctx: RuleContext, table: ir.Table) -> int:
    return int(ctx.column(table.count().name("n").as_table().n)[0])
