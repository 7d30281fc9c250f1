"""Unit-price observations and their yardsticks for R017: class fences and a reference list.

An item's unit price means something only beside prices of the same thing, sold in the same
unit and currency. The "class" of an item is therefore (classification scheme, classification id,
unit, currency); fences are computed per class in numpy (Hyndman-Fan type 8, like every fence in
Adaldyq) and sent back to the backend as a small table, so the filtering stays in the backend.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from adaldyq.engines.procurement.context import RuleContext, percentile, quartiles
from adaldyq.ingest.plans import read_reference_prices

CLASS_KEY = ["classification_scheme", "classification_id", "unit", "currency"]


def unit_price_observations(ctx: RuleContext) -> ir.Table:
    """Priced, classified items; per process only the most final stage that has prices.

    Contract items win over award items, which win over tender items (the fallback): the same
    item often appears at every stage, and counting it two or three times would weigh the
    class's distribution towards processes that publish more stages.
    """
    items = ctx.table("items")
    priced = items.filter(
        (items.unit_value_amount > 0)
        & items.unit_value_currency.notnull()
        & items.classification_scheme.notnull()
        & items.classification_id.notnull()
        & items.unit_name.notnull()
        & items.scope.isin(["contract", "award", "tender"])
    )
    stage = ibis.cases((priced.scope == "contract", 0), (priced.scope == "award", 1), else_=2)
    staged = priced.mutate(stage=stage)
    best = staged.group_by("ocid").aggregate(best_stage=staged.stage.min())
    chosen = staged.join(best, "ocid")
    chosen = chosen.filter(chosen.stage == chosen.best_stage)
    return chosen.select(
        "ocid",
        "classification_scheme",
        "classification_id",
        "item_id",
        "description",
        item_scope=chosen.scope,
        parent_index=chosen.parent_index.fill_null(-1),
        item_index=chosen.item_index,
        unit=normalised_unit(chosen.unit_name),
        currency=chosen.unit_value_currency,
        unit_price=chosen.unit_value_amount,
    )


def normalised_unit(unit: ir.StringValue) -> ir.StringValue:
    """Unit name without surrounding spaces, lower-cased.

    Not `strip()`: Ibis 12 compiles it for Spark as TRIM(' \\t\\n\\r\\v\\f' FROM x), and Spark
    reads that literal's `\\v` and `\\f` as the letters v and f, so "srv" became "sr" on Spark only.
    """
    return unit.re_replace("^ +| +$", "").lower()


def class_fences(
    ctx: RuleContext, observations: ir.Table, minimum: int, multiplier: float
) -> pa.Table:
    """Per class with at least `minimum` observations: n, Q1, median, Q3, upper fence."""
    counts = observations.group_by(CLASS_KEY).aggregate(n=observations.count())
    eligible = observations.semi_join(counts.filter(counts.n >= minimum), CLASS_KEY)
    prices = ctx.arrow(eligible.select(*CLASS_KEY, "unit_price"))
    grouped = prices.group_by(CLASS_KEY).aggregate([("unit_price", "list")])
    columns: dict[str, list[Any]] = {name: grouped.column(name).to_pylist() for name in CLASS_KEY}
    stats: dict[str, list[float | int]] = {"n": [], "q1": [], "median": [], "q3": []}
    stats["upper_fence"] = []
    for values in grouped.column("unit_price_list").to_pylist():
        q1, q3 = quartiles(values)
        stats["n"].append(len(values))
        stats["q1"].append(q1)
        stats["median"].append(percentile(values, 50))
        stats["q3"].append(q3)
        stats["upper_fence"].append(q3 + multiplier * (q3 - q1))
    schema = pa.schema(
        [pa.field(name, pa.string()) for name in CLASS_KEY]
        + [pa.field("n", pa.int64())]
        + [pa.field(name, pa.float64()) for name in ("q1", "median", "q3", "upper_fence")]
    )
    return pa.table({**columns, **stats}, schema=schema)


REFERENCE_SCHEMA = pa.schema(
    [pa.field(name, pa.string()) for name in CLASS_KEY]
    + [pa.field("reference_unit_price", pa.float64()), pa.field("reference_source", pa.string())]
)


def reference_prices(path: Path | None) -> pa.Table:
    """The reference price list (the CSV form PL01 reads too), units normalised as items'.

    Without a path the list is empty, so the rule has one shape with or without a list.
    """
    if path is None:
        return REFERENCE_SCHEMA.empty_table()
    listed = read_reference_prices(path)
    units = pc.utf8_lower(pc.utf8_trim(listed["unit"], " "))
    return pa.table(
        [
            listed["classification_scheme"],
            listed["classification_id"],
            units,
            listed["currency"],
            listed["price"],
            listed["source"],
        ],
        schema=REFERENCE_SCHEMA,
    )
