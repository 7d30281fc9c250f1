"""Purchases split below a statutory threshold (R011, R049/R055), written once for both groupings.

A buyer that must tender above a ceiling can stay below it by buying the same thing in pieces.
The pieces are non-competitive, single-supplier active awards of one buyer in one budget year,
grouped either by supplier (R049/R055) or by item class (R011). A group is flagged when it has at
least `minimum_awards` pieces, each below the threshold, whose total is above the threshold or
"just below" it (within `margin`; SASU's RISK2-5_1 uses 5 %). The pieces that are each just below
the threshold (OCP R049) are counted in the evidence; two such pieces always exceed the threshold
together, so they need no test of their own.

The window is the budget year (the country profile's `budget_year_end_month`), not a sliding
365 days: Kazakh ceilings are annual volumes and change with the year's MCI.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Literal

import ibis
import ibis.expr.types as ir
from pydantic import Field

from adaldyq.engines.procurement.context import DIGITS, RuleContext, flags
from adaldyq.engines.procurement.registry import RuleOutput, RuleParams
from adaldyq.errors import ConfigError
from adaldyq.model.findings import SubjectType


class SplitParams(RuleParams):
    """Settings shared by the splitting rules."""

    procurement_methods: list[str] = Field(default_factory=lambda: ["direct", "limited"])
    ceiling: Literal["direct_purchase", "price_offers"] = "direct_purchase"
    threshold: float | None = Field(None, gt=0)
    margin: float = Field(0.10, ge=0, lt=1)
    minimum_awards: int = Field(2, ge=2)


def year_thresholds(
    ctx: RuleContext, params: SplitParams, years: list[int]
) -> tuple[dict[int, float], dict[str, Any]]:
    """The threshold in money per budget year, and the meta that says where it came from.

    An explicit `threshold` (in the main currency) wins. Otherwise the profile's ceiling in MCI
    is converted per year; it applies only when the dataset is in the profile's currency, and
    years before the first known MCI get no threshold.
    """
    if params.threshold is not None:
        return dict.fromkeys(years, params.threshold), {"threshold": params.threshold}
    limits = ctx.profile.procurement
    if limits is None or ctx.main_currency != ctx.profile.currency:
        reason = (
            f"no threshold: the dataset's currency ({ctx.main_currency}) is not the country "
            f"profile's ({ctx.profile.currency}) and no `threshold` parameter is set"
        )
        return {}, {"applicable": False, "reason": reason}
    mci = getattr(limits, f"{params.ceiling}_mci")
    found: dict[int, float] = {}
    for year in years:
        try:
            found[year] = ctx.profile.in_money(mci, year)
        except ConfigError:
            continue
    meta = {
        "ceiling": params.ceiling,
        "ceiling_mci": mci,
        "thresholds": {str(y): v for y, v in sorted(found.items())},
        "years_without_mci": sorted(set(years) - set(found)),
        "legal_basis": limits.legal_basis,
    }
    return found, meta


def split_purchases(
    ctx: RuleContext, params: SplitParams, pieces: ir.Table, key: str, subject: str
) -> RuleOutput:
    """Flag (buyer, `key`, budget year) groups of pieces split below the threshold.

    `pieces` has ocid, buyer_org_id, procurement_method, year, value and `key`; `subject` is the
    subject type of the findings (the column `key` for suppliers, the buyer for item classes).
    """
    keep = pieces.procurement_method.isin(params.procurement_methods) & pieces.value.notnull()
    for column in ("buyer_org_id", key, "year"):
        keep &= pieces[column].notnull()
    scoped = pieces.filter(keep)
    years = sorted(int(y) for y in ctx.column(scoped.select("year").distinct().year))
    by_year, meta = year_thresholds(ctx, params, years)
    meta |= {"procurement_methods": params.procurement_methods, "margin": params.margin,
             "minimum_awards": params.minimum_awards, "window": "budget year"}  # fmt: skip
    if not by_year:
        return RuleOutput([], meta)
    limit = ibis.cases(*((scoped.year == y, v) for y, v in by_year.items()), else_=None)
    below = scoped.mutate(threshold=limit).filter(lambda t: t.value < t.threshold)
    below = below.mutate(just_below=(below.value >= below.threshold * (1 - params.margin)))
    keys = ["buyer_org_id", key, "year", "threshold"]
    groups = below.group_by(keys).aggregate(
        awards=below.count(),
        total_value=below.value.sum(),
        just_below_awards=below.just_below.cast("int64").sum(),
    )
    hit = groups.filter(
        (groups.awards >= params.minimum_awards)
        & (groups.total_value >= groups.threshold * (1 - params.margin))
    )
    rows = ctx.rows(
        hit.mutate(
            ratio=hit.total_value / hit.threshold,
            total_above_threshold=hit.total_value > hit.threshold,
        )
    )
    ocids: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for row in ctx.rows(below.semi_join(hit, keys[:3]).select(*keys[:3], "ocid")):
        ocids[tuple(row[k] for k in keys[:3])].add(row["ocid"])
    for row in rows:
        row["ocids"] = sorted(ocids[tuple(row[k] for k in keys[:3])])
        row["budget_year"] = row.pop("year")
        row["margin_percent"] = round(params.margin * 100, DIGITS)
    subject_column = key if subject == SubjectType.SUPPLIER else "buyer_org_id"
    evidence = [
        "buyer_org_id", key, "budget_year", "threshold", "awards", "total_value",
        "total_above_threshold", "just_below_awards", "margin_percent", "ocids",
    ]  # fmt: skip
    out = flags(rows, subject, subject_column, "ratio", 1.0, evidence, ocid=None)
    return RuleOutput(sorted(out, key=lambda f: (f.subject_id, str(f.evidence))), meta)
