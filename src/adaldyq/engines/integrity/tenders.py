"""What the integrity patterns read from the procurement tables, as Ibis expressions.

An award is dated by the award's own date, else the first signing of a contract under it, else
the tender's publication: the day a tie must have existed on. Awards that were cancelled or
unsuccessful are left out: they gave no one a contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import ibis
import ibis.expr.types as ir

PROCUREMENT_TABLES = (
    "processes",
    "parties",
    "bids",
    "bid_tenderers",
    "awards",
    "award_suppliers",
    "contracts",
)
"""The procurement tables the patterns read."""
LOST_AWARDS = ("cancelled", "unsuccessful")


@dataclass(frozen=True, slots=True)
class Award:
    """One supplier's award in one process, with the buyer and the days that matter."""

    ocid: str
    award_id: str
    supplier: str  # org id (`scheme-id`)
    supplier_name: str | None
    buyer: str | None
    buyer_name: str | None
    day: date | None
    day_basis: str  # which date dated it: award, contract, tender
    tender_day: date | None
    value: float | None
    currency: str | None

    def as_evidence(self) -> dict[str, Any]:
        """What every award-based finding shows of its award."""
        return {
            "award_id": self.award_id,
            "supplier": self.supplier,
            "supplier_name": self.supplier_name,
            "buyer": self.buyer,
            "buyer_name": self.buyer_name,
            "day": self.day.isoformat() if self.day else None,
            "day_basis": self.day_basis,
            "value": self.value,
            "currency": self.currency,
        }

    @property
    def contract_node(self) -> str:
        """The id under which the award shows in a path: the process and the award."""
        return f"{self.ocid}/{self.award_id}"


def award_expr(tables: dict[str, ir.Table]) -> ir.Table:
    """One row per (award, supplier) with its process's buyer and its first contract signing."""
    awards = tables["awards"]
    awards = awards.filter(awards.status.isnull() | ~awards.status.isin(LOST_AWARDS))
    suppliers = tables["award_suppliers"]
    processes = tables["processes"]
    contracts = tables["contracts"]
    signed = contracts.group_by(["ocid", "award_id"]).aggregate(
        signed_ts=contracts.date_signed_ts.min()
    )
    joined = (
        suppliers.join(awards, ["ocid", "award_index"])
        .join(processes, "ocid")
        .left_join(signed, ["ocid", "award_id"])
    )
    return joined.select(
        ocid=joined.ocid,
        award_index=joined.award_index,
        award_id=joined.award_id,
        supplier=joined.supplier_org_id,
        supplier_name=joined.supplier_name,
        buyer=joined.buyer_org_id,
        buyer_name=joined.buyer_name,
        award_ts=joined.date_ts,
        signed_ts=joined.signed_ts,
        tender_ts=ibis.coalesce(joined.tender_period_start_ts, joined.tender_date_published_ts),
        value=joined.value_amount,
        currency=joined.value_currency,
    ).filter(ibis._.supplier.notnull())


def to_award(row: dict[str, Any]) -> Award:
    """An award row as the patterns use it, its day chosen as the module says."""
    tender_day = _day(row["tender_ts"])
    for basis, value in (("award", row["award_ts"]), ("contract", row["signed_ts"])):
        if value is not None:
            day, day_basis = _day(value), basis
            break
    else:
        day, day_basis = tender_day, "tender" if tender_day else "none"
    award_id = row["award_id"] or f"#{row['award_index']}"
    return Award(
        ocid=row["ocid"],
        award_id=award_id,
        supplier=row["supplier"],
        supplier_name=row["supplier_name"],
        buyer=row["buyer"],
        buyer_name=row["buyer_name"],
        day=day,
        day_basis=day_basis,
        tender_day=tender_day,
        value=row["value"],
        currency=row["currency"],
    )


def bidder_expr(tables: dict[str, ir.Table]) -> ir.Table:
    """The distinct tenderers (org ids) of each process that had bids, each with the day bidders
    are compared on: the tender's (start of the tender period, else its publication), else the
    process's first bid's (both backends read timestamps in UTC)."""
    tenderers = tables["bid_tenderers"]
    bids = tables["bids"]
    processes = tables["processes"]
    joined = tenderers.filter(tenderers.tenderer_org_id.notnull()).join(bids, ["ocid", "bid_index"])
    grouped = joined.group_by(["ocid", "tenderer_org_id"]).aggregate(
        name=joined.tenderer_name.max(), bid_ts=joined.date_ts.min()
    )
    dated = grouped.join(processes, "ocid")
    first_bid = dated.bid_ts.min().over(group_by=dated.ocid)
    tender_ts = ibis.coalesce(dated.tender_period_start_ts, dated.tender_date_published_ts)
    return dated.select(
        ocid=dated.ocid,
        org=dated.tenderer_org_id,
        name=dated.name,
        day=ibis.coalesce(tender_ts, first_bid).date(),
    )


def party_expr(tables: dict[str, ir.Table]) -> ir.Table:
    """Each organisation's contact details as the releases give them, where it has any."""
    parties = tables["parties"]
    has_contact = (
        parties.street_address.notnull()
        | parties.contact_email.notnull()
        | parties.contact_telephone.notnull()
    )
    return (
        parties.filter(has_contact)
        .select(
            "ocid",
            org=parties.org_id,
            street_address=parties.street_address,
            locality=parties.locality,
            email=parties.contact_email,
            phone=parties.contact_telephone,
        )
        .distinct()
    )


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None
