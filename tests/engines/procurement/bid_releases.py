"""Small builders of compiled releases with bids and awards, for the bid-based golden tests."""

from __future__ import annotations

from typing import Any

Release = dict[str, Any]


def bid(
    *tenderers: str,
    amount: float | None = None,
    status: str = "valid",
    currency: str = "USD",
    bid_id: str | None = None,
) -> dict[str, Any]:
    """One `bids.details[]` entry; no `value` when `amount` is None."""
    entry: dict[str, Any] = {"status": status, "tenderers": [{"id": t} for t in tenderers]}
    if amount is not None:
        entry["value"] = {"amount": amount, "currency": currency}
    if bid_id is not None:
        entry["id"] = bid_id
    return entry


def award(*suppliers: str, status: str = "active") -> dict[str, Any]:
    """One `awards[]` entry."""
    return {"status": status, "suppliers": [{"id": s} for s in suppliers]}


def release(
    ocid: str, bids: list[dict[str, Any]], awards: list[dict[str, Any]], **tender: Any
) -> Release:
    """A compiled release with these bids and awards; `tender` fields as given."""
    out: Release = {"ocid": ocid, "bids": {"details": bids}, "awards": awards}
    if tender:
        out["tender"] = tender
    return out


def priced(ocid: str, winner: float, loser: float, **tender: Any) -> Release:
    """W wins against L, each with one valid bid in USD."""
    return release(ocid, [bid("W", amount=winner), bid("L", amount=loser)], [award("W")], **tender)
