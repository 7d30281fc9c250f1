"""CRI-BF: a buyer's contract values deviate from Benford's law (ProACT `corr_ben`).

Following ProACT's `utility_codes/benford.R` (R `benford.analysis`, first digit, positive values
only): MAD = mean over digits 1..9 of |observed share - log10(1 + 1/d)|. Computed in the backend:
the first digit is `trunc(x · 10^-floor(log10 x))` as in `extract.digits`, and digits never seen
contribute their whole expected share, so MAD = (1 + Σ_seen(|share - p| - p)) / 9.
"""

from __future__ import annotations

import math

import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.engines.procurement.cri.base import Component, lookup, valued_awards
from adaldyq.engines.procurement.cri.deciles import DecileParams, decile_component

BENFORD = {d: math.log10(1 + 1 / d) for d in range(1, 10)}
MAD_DIGITS = 9  # MAD is rounded so both engines bucket the same value into the same decile


class BenfordParams(DecileParams):
    risk_by_decile: dict[int, float] = Field(
        default_factory=lambda: {6: 0.5, 7: 0.5, 8: 0.5, 9: 1.0, 10: 1.0}
    )
    min_contracts: int = Field(
        100, ge=1, description="Only buyers with more contracts than this are assessed."
    )


def first_digit(amount: ir.FloatingValue) -> ir.IntegerValue:
    """Leading digit of a positive amount, as R benford.analysis extracts it."""
    scaled = amount * (10.0 ** (-(amount.log10().floor())))
    return scaled.floor().cast("int64")


def buyer_mad(ctx: RuleContext, params: BenfordParams) -> ir.Table:
    """`buyer_org_id`, `buyer_contracts`, `mad` for buyers with enough contract values."""
    valued = valued_awards(ctx)
    digits = valued.select("buyer_org_id", digit=first_digit(valued.value_amount))
    totals = digits.group_by("buyer_org_id").agg(buyer_contracts=digits.count())
    totals = totals.filter(totals.buyer_contracts > params.min_contracts)
    counts = digits.group_by(["buyer_org_id", "digit"]).agg(n=digits.count())
    seen = counts.join(totals, "buyer_org_id")
    expected = lookup(seen.digit, BENFORD)
    term = (seen.n / seen.buyer_contracts - expected).abs() - expected
    per = seen.group_by(["buyer_org_id", "buyer_contracts"]).agg(excess=term.sum())
    return per.select(
        "buyer_org_id", "buyer_contracts", mad=((1 + per.excess) / 9).round(MAD_DIGITS)
    )


def benford(ctx: RuleContext, params: BenfordParams) -> Component:
    """Each process carries its buyer's MAD; deciles are over processes, as ProACT's are over
    contracts."""
    p = ctx.processes.select("ocid", "buyer_org_id")
    measured = p.join(buyer_mad(ctx, params), "buyer_org_id")
    component = decile_component(
        ctx, measured, "mad", params, evidence=("buyer_org_id", "buyer_contracts")
    )
    component.meta["min_contracts"] = params.min_contracts
    return component
