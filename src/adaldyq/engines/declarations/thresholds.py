"""The amount thresholds of the declarations rules, year by year, as a table the rules join.

A rule's threshold is a number in the base currency when the settings give one, else the
country's default (`model/declaration_amounts.py`), which may follow a yearly index (MCI,
subsistence minimum); each year's amount comes with how it was made, for the evidence.
"""

from __future__ import annotations

from datetime import date

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from adaldyq.engines.declarations.context import ScreenContext
from adaldyq.errors import ConfigError, InputError
from adaldyq.model.declaration_amounts import declaration_amount

SCHEMA = pa.schema(
    [("year", pa.int64()), ("threshold", pa.float64()), ("threshold_basis", pa.string())]
)


def yearly_thresholds(
    ctx: ScreenContext, code: str, override: float | None, name: str = "threshold"
) -> ir.Table:
    """`year`, `<name>` and `<name>_basis` for every year screened: `override` (in the base
    currency) when set, else rule `code`'s default for the country. A year the default cannot
    be worked out for (no index known) gets no row, so its declarations are not compared."""
    return _yearly(ctx, code, override).rename(
        {name: "threshold", f"{name}_basis": "threshold_basis"}
    )


def _yearly(ctx: ScreenContext, code: str, override: float | None) -> ir.Table:
    years = [row["year"] for row in ctx.rows(ctx.totals.select("year").distinct())]
    if override is not None:
        rows = [{"year": y, "threshold": override, "threshold_basis": "settings"} for y in years]
        return ibis.memtable(pa.Table.from_pylist(rows, schema=SCHEMA))
    default = declaration_amount(ctx.profile, code)
    rows = []
    for year in years:
        try:
            amount = default.in_money(ctx.profile, year)
        except ConfigError:
            continue
        basis = f"{default.describe(ctx.profile, year)}; {default.basis}"
        if ctx.base_currency != ctx.profile.currency:
            rate = _profile_rate(ctx, code, year)
            amount *= rate
            basis = f"{basis}; x {rate:g} {ctx.base_currency}/{ctx.profile.currency}"
        rows.append({"year": year, "threshold": amount, "threshold_basis": basis})
    return ibis.memtable(pa.Table.from_pylist(rows, schema=SCHEMA))


def _profile_rate(ctx: ScreenContext, code: str, year: int) -> float:
    """The rate of 31 December of `year` from the country's currency to the base one: a default
    in tenge or hryvnias follows the sums into another base currency, through the same table."""
    try:
        if ctx.rates is None:
            raise InputError("no exchange-rate table given")
        return ctx.rates.rate(ctx.profile.currency, date(year, 12, 31)).rate
    except InputError as exc:
        raise ConfigError(
            f"{code}: the default threshold is in {ctx.profile.currency} and the sums in "
            f"{ctx.base_currency}, and no rate converts it ({exc}): give --rates with "
            f"{ctx.profile.currency}, or set [declarations.params.{code}] threshold"
        ) from None
