"""What every CRI component shares: its result type and the per-process facts several read.

ProACT computes the CRI per lot or contract in Stata; we compute it per process (`ocid`) with Ibis,
so the same definition runs on DuckDB and Spark. Facts used by more than one component (live
awards, the process year, valued awards) are defined once here so no two components disagree on
them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

import ibis
import ibis.expr.types as ir
from pydantic import Field, ValidationError

from adaldyq.engines.procurement.context import RuleContext
from adaldyq.errors import ConfigError
from adaldyq.model.rules import RuleParams

Risk = Annotated[float, Field(ge=0, le=1)]
"""A component value: 0 (no risk) to 1 (highest risk), as ProACT's rescaled codes (x/2)."""

DEAD_AWARD_STATUSES = ("cancelled", "unsuccessful")


@dataclass(frozen=True)
class Component:
    """One CRI component over the processes in scope.

    `table` holds one row per process whose component is available: `ocid`, `value` (0..1) and
    the evidence columns. A process without a row is *missing*: the composite leaves it out of the
    mean instead of counting it as zero (ProACT codes 9/99/missing).
    """

    table: ir.Table
    evidence: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)
    constants: dict[str, Any] = field(default_factory=dict)


def lookup(column: ir.Value, mapping: Mapping[Any, Any], dtype: str = "float64") -> ir.Value:
    """`mapping[column]` as a CASE expression (portable), null where the key is not mapped."""
    missing = ibis.literal(None, type=dtype)
    if not mapping:
        return missing
    return column.cases(*mapping.items(), else_=missing)


def days_between(later: ir.TimestampValue, earlier: ir.TimestampValue) -> ir.IntegerValue:
    """Whole calendar days (UTC) from `earlier` to `later`, as Stata's daily dates subtract."""
    return later.date().delta(earlier.date(), unit="day")


def live_awards(ctx: RuleContext) -> ir.Table:
    """Awards that stand: every status except cancelled and unsuccessful (a missing one too)."""
    awards = ctx.table("awards")
    return awards.filter(awards.status.isnull() | ~awards.status.isin(DEAD_AWARD_STATUSES))


def process_years(ctx: RuleContext) -> ir.Table:
    """`ocid`, `year`: the tender year (publication, else period start, else first award date)."""
    awards = live_awards(ctx)
    first = awards.group_by("ocid").agg(first_award=awards.date_ts.min())
    p = ctx.processes.left_join(first, "ocid")
    when = p.tender_date_published_ts.coalesce(p.tender_period_start_ts, p.first_award)
    return p.select("ocid", year=when.year())


def valued_awards(ctx: RuleContext) -> ir.Table:
    """Live awards with a positive amount in the main currency, with buyer and year.

    The contract values behind spending concentration and Benford's law (ProACT's `bid_price`).
    """
    awards = live_awards(ctx)
    keep = awards.value_amount.notnull() & (awards.value_amount > 0)
    currency = ctx.main_currency
    if currency is not None:
        keep &= awards.value_currency == currency
    priced = awards.filter(keep).select("ocid", "award_index", "value_amount", "supplier_count")
    buyers = ctx.processes.select("ocid", "buyer_org_id").filter(
        ctx.processes.buyer_org_id.notnull()
    )
    return priced.join(buyers, "ocid").join(process_years(ctx), "ocid")


def params_of(ctx: RuleContext, code: str, kind: type[RuleParams]) -> Any:
    """The parameters configured for rule `code`, so a component read by another one (the
    composite, or CRI-NC reading CRI-PT) is computed exactly as its own rule computes it."""
    try:
        return kind(**ctx.settings.params.get(code, {}))
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"rule {code}: parameter {key}: {first['msg']}") from None
