"""R054 Direct award pushed over the statutory threshold after the award.

A direct (non-competitive) award is lawful only below a value ceiling. Awarding just under it and
then raising the contract value above it avoids the competitive procedure the final value would
have required. The ceiling comes from the country profile in MCI and is converted to money with
the MCI of the contract's year (signature year, else award year).
"""

from __future__ import annotations

from typing import Literal

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.award_values import contracts_with_awards, worst_per_process
from adaldyq.engines.procurement.context import RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams, rule
from adaldyq.errors import ConfigError
from adaldyq.model.findings import SubjectType
from adaldyq.model.rules import RuleMeta


class Params(RuleParams):
    procurement_methods: list[str] = Field(
        default_factory=lambda: ["direct"], description="Methods counted as direct awards."
    )
    threshold: Literal["direct_purchase", "price_offers"] = Field(
        "direct_purchase", description="Which ceiling of the country profile applies."
    )
    threshold_mci: float | None = Field(
        None, gt=0, description="A ceiling in MCI that replaces the profile's."
    )


@rule(
    RuleMeta(
        code="R054",
        name="Direct award pushed over the threshold",
        subjects=(SubjectType.PROCESS,),
        family="prices",
        ocp_codes=("R054",),
        params=Params,
        explain="Direct award {award_id} of {award_value} {currency} was within the {year} "
        "ceiling of {threshold_value} {currency} ({threshold_mci} MCI), but contract "
        "{contract_id} is worth {contract_value} {currency}.",
    )
)
def direct_award_over_threshold(ctx: RuleContext, params: Params) -> RuleOutput:
    profile = ctx.profile
    mci = params.threshold_mci
    statutory = profile.procurement
    if mci is None and statutory is not None:
        by_name = {"direct_purchase": statutory.direct_purchase_mci,
                   "price_offers": statutory.price_offers_mci}  # fmt: skip
        mci = by_name[params.threshold]
    meta: dict[str, object] = {"currency": profile.currency, "threshold_mci": mci}
    if mci is None:
        return RuleOutput([], {**meta, "not_applicable": f"profile {profile.code} has no ceiling"})
    if ctx.main_currency != profile.currency:
        reason = f"dataset currency {ctx.main_currency} is not the profile currency"
        return RuleOutput([], {**meta, "not_applicable": reason})
    pairs = _direct_pairs(ctx, params.procurement_methods, profile.currency)
    year = pairs.date_signed_ts.coalesce(pairs.award_date_ts).year()
    ceilings = _ceilings_by_year(ctx, pairs.select(year=year), mci)
    meta["threshold_by_year"] = {str(y): v for y, v in ceilings.items()}
    if not ceilings:
        return RuleOutput([], meta)
    ceiling = ibis.cases(*((year == y, v) for y, v in ceilings.items()), else_=None)
    sized = pairs.mutate(
        year=year,
        threshold_value=ceiling,
        threshold_mci=ibis.literal(mci),
        currency=ibis.literal(profile.currency),
    )
    over = sized.filter(
        (sized.award_value <= sized.threshold_value)
        & (sized.contract_value > sized.threshold_value)
    )
    hits = worst_per_process(over, [ibis.desc("contract_value"), ibis.asc("contract_index")])
    evidence = [
        "contract_id", "award_id", "procurement_method", "award_value", "contract_value",
        "currency", "year", "threshold_value", "threshold_mci", "amendments", "matches",
    ]  # fmt: skip
    rows = ctx.rows(hits.order_by("ocid"))
    return RuleOutput(
        flags(rows, SubjectType.PROCESS, "ocid", "contract_value", 1.0, evidence), meta
    )


def _direct_pairs(ctx: RuleContext, methods: list[str], currency: str) -> ir.Table:
    """Contracts of direct processes beside their awards, both valued in `currency`."""
    p = ctx.processes
    direct = p.filter(p.procurement_method.isin(methods)).select("ocid", "procurement_method")
    pairs = contracts_with_awards(ctx).join(direct, "ocid")
    return pairs.filter(
        (pairs.award_currency == currency)
        & (pairs.contract_currency == currency)
        & pairs.award_value.notnull()
        & pairs.contract_value.notnull()
    )


def _ceilings_by_year(ctx: RuleContext, years: ir.Table, mci: float) -> dict[int, float]:
    """The ceiling in money for each year present; years before the first known MCI are skipped."""
    found: dict[int, float] = {}
    for year in sorted({int(y) for y in ctx.column(years.distinct().year) if y is not None}):
        try:
            found[year] = ctx.profile.in_money(mci, year)
        except ConfigError:
            continue
    return found
