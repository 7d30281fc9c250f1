"""R060 Long time from award to contract signature.

A contract signed long after its award leaves time to renegotiate what was won in competition.
The days from `awards[].date` to the linked `contracts[].dateSigned` are compared with the upper
Tukey fence of all such delays in the dataset (or a fixed limit).
"""

from __future__ import annotations

from adaldyq.engines.procurement.award_values import contracts_with_awards
from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.durations import (
    DurationParams,
    days_between,
    duration_outliers,
)
from adaldyq.engines.procurement.registry import RuleOutput, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


@rule(
    RuleMeta(
        code="R060",
        name="Long time from award to signature",
        subjects=(SubjectType.PROCESS,),
        family="timing",
        ocp_codes=("R060",),
        params=DurationParams,
        explain="Contract {contract_id} was signed {days} days after its award (award "
        "{award_date}, signed {date_signed}); the limit is {threshold_days} days.",
    )
)
def long_award_to_signature(ctx: RuleContext, params: DurationParams) -> RuleOutput:
    pairs = contracts_with_awards(ctx)
    dated = pairs.filter(pairs.award_date_ts.notnull() & pairs.date_signed_ts.notnull())
    delays = dated.select(
        "ocid",
        "contract_index",
        "contract_id",
        "award_id",
        award_date=dated.award_date_ts.date(),
        date_signed=dated.date_signed_ts.date(),
        days=days_between(dated.award_date_ts, dated.date_signed_ts),
    )
    delays = delays.filter(delays.days >= 0)
    return duration_outliers(
        ctx,
        delays,
        "upper",
        params,
        ["contract_id", "award_id", "award_date", "date_signed", "matches"],
        tie_break=["contract_index"],
    )
