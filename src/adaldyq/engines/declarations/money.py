"""The family unit's money per declaration, in one base currency, as the rules read it.

StAR's methods work on the economic family unit, so every sum adds the declarant's and the
family members' items. Two things would distort such sums, and both are handled here once:

- **Joint ownership.** An item held with others is counted at the family's part of it, never once
  per owner: the part is the sum of the declarant's and family members' ownership shares in the
  rights table when every owner's share is given, else the family's owners over all owners;
  rights of use or rent are not ownership and count 0. An item without rights rows falls back to
  its own ownership columns (a canonical input may give no rights table).
- **Currencies.** Amounts are converted through the exchange-rate table given as data, at the
  rate of 31 December of the declaration year (the latest on or before it); the rate and its day
  go into the evidence. An amount whose currency has no rate is left out of every sum and listed
  as unconverted in the evidence, so its absence is visible rather than a silent zero.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

OWNING = ("ownership", "joint_ownership")
FAMILY_ROLES = ("declarant", "family")
PAYMENTS = ("principal_paid", "interest_paid")
"""Liability rows that are payments made in the year, not debts outstanding."""


def family_owned(items: ir.Table) -> ir.BooleanValue:
    """Items the family owns (not only uses or rents): owned or jointly owned (or of no stated
    right) by the declarant or a family member."""
    owning = items.ownership_type.isnull() | items.ownership_type.isin(OWNING)
    return owning & items.owner_role.isin(FAMILY_ROLES)


def family_parts(rights: ir.Table) -> ir.Table:
    """Per item (declaration_id, section, item_id): `part`, the share of it the family owns."""
    owning = rights.filter(rights.ownership_type.isin(OWNING))
    family = owning.holder_role.isin(FAMILY_ROLES)
    totals = owning.group_by(["declaration_id", "section", "item_id"]).aggregate(
        owners=owning.count(),
        family_owners=family.cast("int64").sum(),
        shares_given=owning.ownership_share.count(),
        family_share=ibis.ifelse(family, owning.ownership_share, 0.0).sum(),
    )
    by_share = ibis.least(totals.family_share / 100.0, 1.0)
    by_count = totals.family_owners.cast("float64") / totals.owners.cast("float64")
    part = ibis.ifelse(totals.shares_given == totals.owners, by_share, by_count)
    return totals.select("declaration_id", "section", "item_id", part=part)


def _owned_values(section: str, items: ir.Table, parts: ir.Table, kind: ir.Value) -> ir.Table:
    """An owned section's values at the family's part (rights table, else the item's own)."""
    own = ibis.ifelse(
        items.ownership_type.isnull() | items.ownership_type.isin(OWNING),
        (items.ownership_share / 100.0).fill_null(1.0),
        0.0,
    )
    scoped = parts.filter(parts.section == section).drop("section")
    valued = items.select(
        "declaration_id", "item_id", "owner_role", "value", "value_currency", "acquired_on",
        kind=kind.cast("string"), own=own,
    )  # fmt: skip
    joined = valued.left_join(scoped, ["declaration_id", "item_id"])
    return joined.select(
        "declaration_id",
        group=ibis.literal("property"),
        kind=joined.kind,
        section=ibis.literal(section),
        item_id=joined.item_id,
        owner_role=joined.owner_role,
        amount=joined.value * ibis.coalesce(joined.part, joined.own),
        currency=joined.value_currency,
        acquired_on=joined.acquired_on,
    )


def _plain(group: str, section: str, items: ir.Table, kind: ir.Value) -> ir.Table:
    """A section whose amounts are counted whole (incomes, money, debts, spending)."""
    return items.select(
        "declaration_id",
        group=ibis.literal(group),
        kind=kind.cast("string"),
        section=ibis.literal(section),
        item_id=items.item_id,
        owner_role=items.owner_role,
        amount=items.amount,
        currency=items.amount_currency,
        acquired_on=ibis.null("date"),
    )


def money_lines(tables: dict[str, ir.Table]) -> ir.Table:
    """Every amount of every declaration as one line: its group (`income`, `monetary`,
    `liability`, `expenditure`, `property`), its kind (the section's type code), whose it is
    (`owner_role`), the family's part of it in the declared currency, and for property the day
    it was acquired."""
    parts = family_parts(tables["declaration_rights"])
    incomes = tables["declaration_incomes"]
    monetary = tables["declaration_monetary_assets"]
    liabilities = tables["declaration_liabilities"]
    liabilities = liabilities.filter(
        liabilities.liability_type.isnull() | ~liabilities.liability_type.isin(PAYMENTS)
    )
    spent = tables["declaration_expenditures"]
    lines = [
        _plain("income", "incomes", incomes, incomes.income_type),
        _plain("monetary", "monetary_assets", monetary, monetary.asset_type),
        _plain("liability", "liabilities", liabilities, liabilities.liability_type),
        _plain("expenditure", "expenditures", spent, spent.action),
    ]
    for section, table, code in (
        ("real_estate", "declaration_real_estate", "property_type"),
        ("vehicles", "declaration_vehicles", "vehicle_type"),
        ("valuables", "declaration_valuables", "valuable_type"),
        ("securities", "declaration_securities", "security_type"),
    ):
        items = tables[table]
        lines.append(_owned_values(section, items, parts, items[code]))
    union = ibis.union(*lines)
    return union.filter(union.amount.notnull())
