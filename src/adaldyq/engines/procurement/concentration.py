"""Markets and shares: the item class a process buys in, and each supplier's share of a group.

R040 (one buyer's spending), R050 (a supplier's market share) and R051 (market concentration) are
one computation over different groups: the awarded value a supplier receives within a group divided
by the group's awarded value. It is written once here.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from adaldyq.engines.procurement.awarded import awarded
from adaldyq.engines.procurement.context import RuleContext

ITEM_SCOPES = ("tender", "award", "contract")


def item_classes(ctx: RuleContext, digits: int) -> ir.Table:
    """(ocid, item_class, weight): the classes a process buys in, each with an equal part of it.

    A class is the first `digits` characters of `items[].classification.id`, prefixed by its
    scheme ("CPV:33") so that two schemes never merge. A process whose items carry no
    classification falls back to its `mainProcurementCategory` ("category:works"); a process with
    neither is in no market. A process buying in k classes gives each 1/k of its value, so each
    process counts once in the market totals.
    """
    items = ctx.table("items")
    classified = items.filter(
        items.scope.isin(ITEM_SCOPES) & items.classification_id.notnull()
        & (items.classification_id != "")
    )  # fmt: skip
    by_code = classified.select(
        "ocid",
        item_class=classified.classification_scheme.coalesce("").concat(
            ":", classified.classification_id.substr(0, digits)
        ),
    ).distinct()
    p = ctx.processes
    fallback = p.filter(p.main_procurement_category.notnull()).anti_join(by_code, "ocid")
    by_category = fallback.select(
        "ocid", item_class=ibis.literal("category:").concat(fallback.main_procurement_category)
    )
    classes = by_code.union(by_category)
    counts = classes.group_by("ocid").aggregate(classes=classes.count())
    joined = classes.join(counts, "ocid")
    return joined.select("ocid", "item_class", weight=1.0 / joined.classes)


def supplier_shares(won: ir.Table, keys: Sequence[str]) -> ir.Table:
    """Each supplier's part of its group's awarded value.

    `won` has the `keys`, `supplier_org_id`, `value` and `ocid`/`award_index`; only positive
    values count. Columns out: the keys, supplier_org_id, supplier_value, supplier_awards,
    group_value, group_awards (distinct awards), group_suppliers, share.
    """
    keep = won.value.notnull() & (won.value > 0) & won.supplier_org_id.notnull()
    for key in keys:
        keep &= won[key].notnull()
    priced = won.filter(keep).mutate(award_key=won.ocid.concat("/", won.award_index.cast("string")))
    per_supplier = priced.group_by([*keys, "supplier_org_id"]).aggregate(
        supplier_value=priced.value.sum(), supplier_awards=priced.award_key.nunique()
    )
    per_group = priced.group_by(list(keys)).aggregate(
        group_value=priced.value.sum(),
        group_awards=priced.award_key.nunique(),
        group_suppliers=priced.supplier_org_id.nunique(),
    )
    joined = per_supplier.join(per_group, list(keys))
    return joined.mutate(share=joined.supplier_value / joined.group_value)


def class_shares(ctx: RuleContext, digits: int) -> ir.Table:
    """Each supplier's share of each item class's awarded value (R050, R051)."""
    won = awarded(ctx).join(item_classes(ctx, digits), "ocid")
    return supplier_shares(won.mutate(value=won.value * won.weight), ["item_class"])
