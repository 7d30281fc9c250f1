"""The year-by-year balance of each screened person: what a reader checks a finding against.

One row per screened declaration, with the sums the rules compare (the context's `totals`: the
family unit's property at cost, money, debts, income, spending, in the base currency) and, where
the person declared the year before, the changes and the two gaps A01 and A02 compute (with living
costs), from the same expressions as the rules, so the table and the findings never disagree.
A gap is empty where the rules do not compare the pair (no declaration the year before, or no
subsistence minimum for the year).
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.declarations.context import ScreenContext
from adaldyq.engines.declarations.rules.net_worth import (
    earlier_stocks,
    living_cost,
    minimums_table,
    net_worth,
    net_worth_unexplained,
    spending_unexplained,
    with_household,
    year_pairs,
)

BALANCE_SCHEMA = pa.schema(
    [
        ("person_id", pa.string()),
        ("full_name", pa.string()),
        ("position", pa.string()),
        ("body", pa.string()),
        ("region", pa.string()),
        ("year", pa.int64()),
        ("declaration_id", pa.string()),
        ("property", pa.float64()),
        ("monetary_assets", pa.float64()),
        ("cash", pa.float64()),
        ("liabilities", pa.float64()),
        ("net_worth", pa.float64()),
        ("income", pa.float64()),
        ("gifts", pa.float64()),
        ("expenditures", pa.float64()),
        ("household", pa.int64()),
        ("subsistence_minimum", pa.float64()),
        ("living_cost", pa.float64()),
        ("year_from", pa.int64()),
        ("property_change", pa.float64()),
        ("monetary_change", pa.float64()),
        ("liabilities_change", pa.float64()),
        ("net_worth_change", pa.float64()),
        ("fx_gain", pa.float64()),
        ("net_worth_gap", pa.float64()),
        ("spending_gap", pa.float64()),
    ]
)
"""The balance's columns: money in the base currency; `*_change` against `year_from`;
`net_worth_gap` = A01's unexplained amount, `spending_gap` = A02's (both with living costs)."""


def balance(ctx: ScreenContext) -> ir.Table:
    """The balance of every screened declaration, columns as `BALANCE_SCHEMA`, sorted by person
    and year."""
    heads = ctx.declarations.select("declaration_id", "position", "body", "region")
    rows = ctx.totals.join(heads, "declaration_id")
    rows = rows.left_join(earlier_stocks(ctx), "declaration_id").drop("declaration_id_right")
    rows = with_household(ctx, rows)
    rows = rows.left_join(minimums_table(ctx), "year").drop("year_right")
    fx = year_pairs(ctx).select("declaration_id", "fx_gain", "fx_money")
    rows = rows.left_join(fx, "declaration_id").drop("declaration_id_right")
    living = living_cost(rows)
    found = rows.mutate(
        net_worth=net_worth(rows),
        subsistence_minimum=rows.minimum,
        living_cost=living,
        property_change=rows.property - rows.property_from,
        monetary_change=rows.monetary_assets - rows.monetary_from,
        liabilities_change=rows.liabilities - rows.liabilities_from,
        net_worth_change=net_worth(rows) - net_worth(rows, "_from"),
        net_worth_gap=net_worth_unexplained(rows) + living,
        spending_gap=spending_unexplained(rows) + living,
    )
    typed = {f.name: found[f.name].cast(ibis.dtype(f.type)) for f in BALANCE_SCHEMA}
    return found.select(**typed).order_by(["person_id", "year"])


def balance_rows(ctx: ScreenContext) -> pa.Table:
    """The balance as Arrow, money rounded to cents as in the evidence, so a row and a
    finding's formula show the same numbers."""
    table = ctx.backend.to_arrow(balance(ctx)).cast(BALANCE_SCHEMA)
    for index, field in enumerate(BALANCE_SCHEMA):
        if pa.types.is_floating(field.type):
            table = table.set_column(index, field, pc.round(table.column(index), 2))
    return table
