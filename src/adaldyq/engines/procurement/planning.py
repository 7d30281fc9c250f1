"""The planning stage ("single procurement window", seed §5): planned purchases, yardsticks.

Planned lines come from two places and are read as one table:
- the plan CSV form (`plan_lines`, subject id = its `plan_id`);
- OCDS items of processes not awarded yet (no award that is not cancelled or unsuccessful, no
  contract): `tender.items`, or `planning` items where a process has no tender items. Their id
  is `ocid/scope/item_index`. An OCDS item whose `id` is a plan_id of the CSV is the same plan
  point (goszakup writes the plan point id there) and is left out, so nothing counts twice.

Realised items are what was bought: contract items, or award items where a process has no
contract items, of awards and contracts that are not cancelled or unsuccessful.

Every comparison is within one class key: classification scheme and id, unit (trimmed, lower
case) and, for prices, currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from adaldyq.engines.procurement.context import RuleContext, fences

CLASS_KEY = ("classification_scheme", "classification_id", "unit_key")
PRICE_KEY = (*CLASS_KEY, "currency")
DEAD = ("cancelled", "unsuccessful")
STATS = ("n", "q1", "q3", "upper_fence")

LINE_COLUMNS = (
    "line_id", "ocid", "source", "buyer_id", "year", "classification_scheme",
    "classification_id", "unit", "unit_key", "quantity", "unit_price", "currency",
)  # fmt: skip


def unit_key(unit: ir.StringValue) -> ir.StringValue:
    """Units compare trimmed and case-insensitively ('Pack ' is 'pack'); a missing unit is ''."""
    return unit.strip().lower().fill_null("")


def planned_lines(ctx: RuleContext) -> ir.Table:
    """Plan CSV lines and OCDS planned items of processes not yet awarded, in one shape."""
    pl = ctx.plan_lines
    from_csv = pl.select(
        line_id=pl.plan_id,
        ocid=pl.ocid,
        source=ibis.literal("plan"),
        buyer_id=pl.buyer_id,
        year=pl.year,
        classification_scheme=pl.classification_scheme,
        classification_id=pl.classification_id,
        unit=pl.unit,
        unit_key=unit_key(pl.unit),
        quantity=pl.quantity,
        unit_price=pl.unit_price,
        currency=pl.currency,
    )
    items = ctx.table("items")
    tender = items.filter(items.scope == "tender")
    planning = items.filter(items.scope == "planning").anti_join(tender.select("ocid"), "ocid")
    planned = tender.union(planning)
    planned = planned.anti_join(pl, planned.item_id == pl.plan_id)
    awards, contracts = ctx.table("awards"), ctx.table("contracts")
    live = awards.filter(awards.status.isnull() | ~awards.status.isin(DEAD))
    p = ctx.processes
    open_processes = p.anti_join(live.select("ocid"), "ocid").anti_join(
        contracts.select("ocid"), "ocid"
    )
    j = planned.join(open_processes, "ocid")
    from_ocds = j.select(
        line_id=j.ocid.concat("/", j.scope, "/", j.item_index.cast("string")),
        ocid=j.ocid,
        source=ibis.literal("ocds"),
        buyer_id=j.buyer_org_id,
        year=_process_year(j),
        classification_scheme=j.classification_scheme,
        classification_id=j.classification_id,
        unit=j.unit_name,
        unit_key=unit_key(j.unit_name),
        quantity=j.quantity,
        unit_price=j.unit_value_amount,
        currency=j.unit_value_currency,
    )
    both = from_csv.union(from_ocds)
    return both.filter(both.classification_scheme.notnull() & both.classification_id.notnull())


def realised_items(ctx: RuleContext) -> ir.Table:
    """Items bought: contract items, else award items; with buyer, year and class key."""
    items, p = ctx.table("items"), ctx.processes
    contracts, awards = ctx.table("contracts"), ctx.table("awards")
    live_contracts = contracts.filter(contracts.status.isnull() | ~contracts.status.isin(DEAD))
    live_awards = awards.filter(awards.status.isnull() | ~awards.status.isin(DEAD))
    c_items = items.filter(items.scope == "contract")
    c = c_items.join(
        live_contracts,
        [
            c_items.ocid == live_contracts.ocid,
            c_items.parent_index == live_contracts.contract_index,
        ],
    ).select(**_item_columns(c_items), doc_ts=live_contracts.date_signed_ts)
    a_items = items.filter(items.scope == "award").anti_join(c_items.select("ocid"), "ocid")
    a = a_items.join(
        live_awards,
        [a_items.ocid == live_awards.ocid, a_items.parent_index == live_awards.award_index],
    ).select(**_item_columns(a_items), doc_ts=live_awards.date_ts)
    j = c.union(a).join(p, "ocid")
    return j.select(
        "ocid",
        "classification_scheme",
        "classification_id",
        "quantity",
        "currency",
        buyer_id=j.buyer_org_id,
        year=j.doc_ts.year().cast("int64").fill_null(_process_year(j)),
        unit_key=unit_key(j.unit_name),
        unit_price=j.unit_value_amount,
    ).filter(lambda t: t.classification_scheme.notnull() & t.classification_id.notnull())


def _item_columns(items: ir.Table) -> dict[str, ir.Value]:
    return {
        "ocid": items.ocid,
        "classification_scheme": items.classification_scheme,
        "classification_id": items.classification_id,
        "quantity": items.quantity,
        "unit_name": items.unit_name,
        "unit_value_amount": items.unit_value_amount,
        "currency": items.unit_value_currency,
    }


def _process_year(t: ir.Table) -> ir.IntegerValue:
    """The year a process belongs to: of its publication, else of its tender period start."""
    return (
        t.tender_date_published_ts.year().fill_null(t.tender_period_start_ts.year()).cast("int64")
    )


def peer_fences(
    ctx: RuleContext,
    values: ir.Table,
    targets: ir.Table,
    keys: Sequence[str],
    min_count: int,
) -> ir.Table:
    """Tukey fences of `value` per key, leaving out the target's own `owner` (its buyer).

    `values` has the keys, `owner` (null for history that is never left out) and `value`;
    `targets` the keys and `owner`. The quartiles are type 8 (`context.fences`), computed once
    per (key, owner) on the pulled values; targets with fewer than `min_count` values left are
    dropped. Returns a table of keys, owner, n, q1, q3, upper_fence on the backend.
    """
    pulled = ctx.arrow(values.select(*keys, "owner", "value")).to_pydict()
    groups: dict[tuple[Any, ...], tuple[list[Any], list[float]]] = {}
    for i, value in enumerate(pulled["value"]):
        key = tuple(pulled[k][i] for k in keys)
        owners, found = groups.setdefault(key, ([], []))
        owners.append(pulled["owner"][i])
        found.append(value)
    rows = []
    for target in ctx.rows(targets.select(*keys, "owner").distinct()):
        key = tuple(target[k] for k in keys)
        owners, found = groups.get(key, ([], []))
        kept = np.asarray(found, dtype=float)[np.asarray(owners, dtype=object) != target["owner"]]
        if len(kept) >= min_count:
            stats = fences(kept)
            rows.append({**target, "n": len(kept), **{s: stats[s] for s in STATS[1:]}})
    schema = values.select(*keys, "owner").schema().to_pyarrow()
    for name, kind in (("n", pa.int64()), *((s, pa.float64()) for s in STATS[1:])):
        schema = schema.append(pa.field(name, kind))
    return ibis.memtable(pa.Table.from_pylist(rows, schema=schema))
