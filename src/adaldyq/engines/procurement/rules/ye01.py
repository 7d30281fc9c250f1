"""YE01 Contract signed in the last days of the budget year (seed report §4).

Kazakhstan's National Anti-Corruption Report 2022 (§4, construction) names "conclusion of public
procurement contracts for current repairs, medium repairs or construction of facilities at the end
of the year": works that cannot be done in winter are contracted so the budget is spent, and paid
for work not done. This is not one of OCP's R001-R073, hence the code YE01 (Year End).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.award_values import worst_per_process
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.durations import DAY_SECONDS
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    window_days: int = Field(15, ge=1, le=366, description="Last days of the budget year flagged.")
    works_score: float = Field(1.0, ge=0, le=1, description="Score of a works contract.")
    other_score: float = Field(0.5, ge=0, le=1, description="Score of goods, services, unknown.")


@rule(
    RuleMeta(
        code="YE01",
        name="Contract signed at the end of the budget year",
        subjects=(SubjectType.PROCESS,),
        family="timing",
        params=Params,
        explain="Contract {contract_id} ({main_procurement_category}) was signed on "
        "{date_signed}, {days_before_year_end} days before the budget year ended on "
        "{budget_year_end}. Its buyer signed {buyer_window_share} of its {budget_year} "
        "contract value in the last {window_days} days.",
    )
)
def year_end_contract(ctx: RuleContext, params: Params) -> RuleOutput:
    signed = _signed_contracts(ctx, ctx.profile.budget_year_end_month, params.window_days)
    shares = _buyer_window_shares(signed)
    window = signed.filter(signed.in_window)
    joined = window.left_join(shares, ["buyer_org_id", "budget_year", "currency"])
    works = joined.main_procurement_category == "works"
    scored = joined.select(
        *[joined[name] for name in window.columns],
        "buyer_year_value",
        "buyer_window_value",
        buyer_window_share=joined.buyer_window_value / joined.buyer_year_value,
        window_days=ibis.literal(params.window_days),
        score=ibis.ifelse(works.fill_null(False), params.works_score, params.other_score),
    )
    hits = worst_per_process(scored, [ibis.desc("score"), ibis.asc("contract_index")])
    evidence = [
        "contract_id", "date_signed", "budget_year", "budget_year_end", "days_before_year_end",
        "window_days", "main_procurement_category", "contract_value", "currency", "buyer_org_id",
        "buyer_window_value", "buyer_year_value", "buyer_window_share", "matches",
    ]  # fmt: skip
    rows = ctx.rows(hits.order_by("ocid"))
    return RuleOutput(
        flags(rows, SubjectType.PROCESS, "ocid", "days_before_year_end", "score", evidence),
        {
            "window_days": params.window_days,
            "budget_year_end_month": ctx.profile.budget_year_end_month,
            "works_score": params.works_score,
            "other_score": params.other_score,
        },
    )


def _signed_contracts(ctx: RuleContext, end_month: int, window_days: int) -> ir.Table:
    """Signed contracts with their budget year (named by the year it ends) and days left in it."""
    contracts = ctx.table("contracts")
    dated = contracts.filter(contracts.date_signed_ts.notnull())
    processes = ctx.processes.select("ocid", "buyer_org_id", "main_procurement_category")
    signed = dated.join(processes, "ocid")
    day = signed.date_signed_ts
    budget_year = ibis.ifelse(day.month() <= end_month, day.year(), day.year() + 1)
    # The first day after the budget year: 1 January of the next year when it ends in December.
    next_start = ibis.date(budget_year + int(end_month == 12), end_month % 12 + 1, 1)
    next_seconds = next_start.cast("timestamp").epoch_seconds()
    days_left = (next_seconds - day.truncate("D").epoch_seconds()) // DAY_SECONDS
    return signed.select(
        "ocid",
        "contract_index",
        "contract_id",
        "buyer_org_id",
        "main_procurement_category",
        date_signed=signed.date_signed_ts.date(),
        contract_value=signed.value_amount,
        currency=signed.value_currency,
        budget_year=budget_year,
        budget_year_end=next_start - ibis.interval(days=1),
        days_before_year_end=days_left - 1,
        in_window=days_left <= window_days,
    )


def _buyer_window_shares(signed: ir.Table) -> ir.Table:
    """Per buyer, budget year and currency: contract value signed in the window and in the year."""
    valued = signed.filter(
        signed.contract_value.notnull() & signed.currency.notnull() & signed.buyer_org_id.notnull()
    )
    return valued.group_by(["buyer_org_id", "budget_year", "currency"]).aggregate(
        buyer_year_value=valued.contract_value.sum(),
        buyer_window_value=ibis.ifelse(valued.in_window, valued.contract_value, 0.0).sum(),
    )
