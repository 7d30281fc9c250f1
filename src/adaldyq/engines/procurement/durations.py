"""Durations between procurement dates, and the fence test the timing rules share (R060-R062).

Days are counted between calendar dates in UTC (the dates are truncated to the day before they
are subtracted), so the count is an exact integer and the same on DuckDB and Spark; a contract
signed the evening after the award is one day later, not 0.4 of a day. Evidence shows the dates,
not the timestamps, for the same reason (and Spark returns timestamps without their zone).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.award_values import worst_per_process
from adaldyq.engines.procurement.context import RuleContext, fences, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams
from adaldyq.model.findings import SubjectType

DAY_SECONDS = 86_400


def days_between(start: ir.TimestampValue, end: ir.TimestampValue) -> ir.IntegerValue:
    """Whole calendar days (UTC) from `start` to `end`; negative when `end` is earlier."""
    seconds = end.truncate("D").epoch_seconds() - start.truncate("D").epoch_seconds()
    return seconds // DAY_SECONDS


class DurationParams(RuleParams):
    """A fixed limit in days replaces the dataset's fence; too few durations give no fence."""

    threshold_days: float | None = Field(
        None, description="Fixed limit in days; when unset, the dataset's Tukey fence is used."
    )
    minimum_observations: int = Field(
        10, ge=4, description="Durations needed before a fence is computed."
    )


class DecisionParams(DurationParams):
    """Duration parameters, plus which awards end the decision period."""

    award_statuses: list[str] = Field(
        default_factory=lambda: ["active"], description="Awards whose date ends the decision."
    )


def decision_periods(ctx: RuleContext, award_statuses: Sequence[str]) -> ir.Table:
    """Per process: days from the bid deadline (`tenderPeriod.endDate`) to the first award date.

    This is the CRI decision period (`award_date - bid_deadline`). Negative periods (an award
    dated before the deadline) are a data error, not a fast decision, and are left out.
    """
    awards = ctx.table("awards")
    dated = awards.filter(awards.status.isin(list(award_statuses)) & awards.date_ts.notnull())
    first = dated.group_by("ocid").aggregate(award_date_ts=dated.date_ts.min())
    p = ctx.processes.filter(ctx.processes.tender_period_end_ts.notnull())
    joined = p.join(first, "ocid")
    periods = joined.select(
        "ocid",
        tender_period_end=joined.tender_period_end_ts.date(),
        award_date=joined.award_date_ts.date(),
        days=days_between(joined.tender_period_end_ts, joined.award_date_ts),
        procurement_method=joined.procurement_method,
    )
    return periods.filter(periods.days >= 0)


def duration_outliers(
    ctx: RuleContext,
    durations: ir.Table,
    side: Literal["upper", "lower"],
    params: DurationParams,
    evidence: Sequence[str],
    tie_break: Sequence[str] = (),
) -> RuleOutput:
    """Flag processes whose duration (`days`) is beyond the fence (or the fixed threshold).

    Upper side: `days >= threshold`; lower side: `days <= threshold` (inclusive, as Cardinal's
    fences; a computed fence also needs the duration strictly beyond Q3 or Q1). The fence is
    computed over every row of `durations`; a process with several rows is flagged once, with its
    most extreme row as evidence.
    """
    days = [float(d) for d in ctx.column(durations.days)]
    meta: dict[str, object] = {"observations": len(days), "side": side}
    upper = side == "upper"
    if params.threshold_days is not None:
        threshold = params.threshold_days
        beyond = durations.days >= threshold if upper else durations.days <= threshold
        meta["threshold_days"] = threshold
    elif len(days) >= params.minimum_observations:
        fence = fences(days)
        threshold = fence[f"{side}_fence"]
        # Also strictly beyond the quartile: when most durations are equal (IQR 0) the fence is
        # that common value, and "at the fence" would flag the typical process.
        if upper:
            beyond = (durations.days >= threshold) & (durations.days > fence["q3"])
        else:
            beyond = (durations.days <= threshold) & (durations.days < fence["q1"])
        meta.update({key: round(value, 4) for key, value in fence.items()})
        meta["threshold_days"] = round(threshold, 4)
    else:
        meta["not_applicable"] = (
            f"{len(days)} durations, fewer than minimum_observations "
            f"({params.minimum_observations}); no fence computed"
        )
        return RuleOutput([], meta)
    extreme = ibis.desc("days") if upper else ibis.asc("days")
    hits = worst_per_process(durations.filter(beyond), [extreme, *map(ibis.asc, tie_break)])
    hits = hits.mutate(threshold_days=ibis.literal(round(threshold, 4)))
    rows = ctx.rows(hits.order_by("ocid"))
    keys = ["days", "threshold_days", *evidence]
    return RuleOutput(flags(rows, SubjectType.PROCESS, "ocid", "days", 1.0, keys), meta)
