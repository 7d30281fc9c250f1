"""CRI-AP advertisement period and CRI-DP decision period (ProACT `corr_submp`, `corr_decp`).

Both are day counts whose deciles over the dataset carry the risk: too little time to prepare a
bid, or a decision rushed (or dragged out) after the deadline. The risky deciles default to the
Slovak calibration in ProACT (`country_codes/SK/2_indicators_SK.do`).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri.base import Component, days_between, live_awards, params_of
from adaldyq.engines.procurement.cri.deciles import DecileParams, decile_component


class AdvertisementParams(DecileParams):
    risk_by_decile: dict[int, float] = Field(
        default_factory=lambda: {1: 1.0, 2: 0.5, 3: 0.5, 4: 0.5, 10: 0.5}
    )
    max_days: int = Field(365, ge=1, description="Longer periods are treated as missing.")


class DecisionParams(DecileParams):
    risk_by_decile: dict[int, float] = Field(
        default_factory=lambda: {1: 1.0, 2: 1.0, 3: 1.0, 4: 0.5, 5: 0.5, 6: 0.5}
    )
    max_days: int = Field(730, ge=1, description="Longer periods are treated as missing.")


def advertisement_days(ctx: RuleContext) -> ir.Table:
    """`ocid`, `advertisement_days_raw` (deadline minus call publication, or tender period
    start) and `advertisement_days`: the raw value if in 1..max_days, else null (ProACT)."""
    params: AdvertisementParams = params_of(ctx, "CRI-AP", AdvertisementParams)
    p = ctx.processes
    raw = days_between(
        p.tender_period_end_ts, p.tender_date_published_ts.coalesce(p.tender_period_start_ts)
    )
    valid = (raw > 0) & (raw <= params.max_days)
    return p.select(
        "ocid",
        advertisement_days_raw=raw,
        advertisement_days=ibis.ifelse(valid, raw, ibis.null("int64")),
    )


def advertisement_period(ctx: RuleContext, params: AdvertisementParams) -> Component:
    measured = advertisement_days(ctx).select("ocid", "advertisement_days")
    return decile_component(ctx, measured, "advertisement_days", params)


def decision_period(ctx: RuleContext, params: DecisionParams) -> Component:
    """Days from the bid deadline to the first standing award; negative → 0, too long → missing."""
    awards = live_awards(ctx)
    first = awards.group_by("ocid").agg(award_date=awards.date_ts.min())
    p = ctx.processes.join(first, "ocid")
    raw = days_between(p.award_date, p.tender_period_end_ts)
    days = raw.clip(lower=0)
    measured = p.select(
        "ocid", decision_days=ibis.ifelse(days <= params.max_days, days, ibis.null("int64"))
    )
    return decile_component(ctx, measured, "decision_days", params)
