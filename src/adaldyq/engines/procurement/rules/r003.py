"""R003 Short submission period: too few days between the tender opening and its deadline.

Cardinal's definition: the whole days (truncated toward zero) from `tender.tenderPeriod.startDate`
to `endDate`, flagged when below a threshold that `procurementMethodDetails` may override. The
difference is taken in microseconds in the backend, so a period one second short of five days
counts four days on both engines. Cardinal skips dates without a time zone (RFC 3339); here they
are read as UTC unless `compat.rfc3339_only` asks for Cardinal's behaviour.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta

DAY_US = 86_400_000_000


class Params(RuleParams):
    threshold: int = 15
    procurement_methods: list[str] = Field(default_factory=list)
    procurement_method_details: dict[str, int] = Field(default_factory=dict)


@rule(
    RuleMeta(
        code="R003",
        name="Short submission period",
        subjects=(SubjectType.PROCESS,),
        family="cardinal",
        ocp_codes=("R003",),
        params=Params,
        explain="Bidders had {days} days to submit, fewer than the minimum of {threshold} days "
        "(from {tender_period_start} to {tender_period_end}).",
    )
)
def short_submission_period(ctx: RuleContext, params: Params) -> RuleOutput:
    p = ctx.processes
    dated = p.tender_period_start_ts.notnull() & p.tender_period_end_ts.notnull()
    if ctx.settings.compat.rfc3339_only:
        dated &= p.tender_period_start_has_tz & p.tender_period_end_has_tz
    if params.procurement_methods:
        dated &= p.procurement_method.isin(params.procurement_methods)
    periods = p.filter(dated).mutate(
        days=_whole_days(
            p.tender_period_end_ts.delta(p.tender_period_start_ts, unit="microsecond")
        ),
        threshold=_threshold(p.procurement_method_details, params),
    )
    hit = periods.filter(periods.days < periods.threshold).select(
        "ocid", "days", "threshold", "tender_period_start", "tender_period_end",
        "procurement_method", "procurement_method_details",
    )  # fmt: skip
    evidence = [name for name in hit.columns if name != "ocid"]
    return RuleOutput(
        flags(ctx.rows(hit), SubjectType.PROCESS, "ocid", 1.0, 1.0, evidence),
        params.model_dump(),
    )


def _whole_days(microseconds: ir.IntegerValue) -> ir.IntegerValue:
    """Whole days truncated toward zero (chrono's num_days), also for a negative period."""
    whole = microseconds.abs() // DAY_US
    return ibis.ifelse(microseconds < 0, -whole, whole).cast("int64")


def _threshold(details: ir.StringValue, params: Params) -> ir.IntegerValue:
    """The threshold of the process's procurementMethodDetails, else the default one."""
    if not params.procurement_method_details:
        return ibis.literal(params.threshold, "int64")
    branches = [(details == name, days) for name, days in params.procurement_method_details.items()]
    return ibis.cases(*branches, else_=params.threshold).cast("int64")
