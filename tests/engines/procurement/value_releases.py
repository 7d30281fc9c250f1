"""Builders of tiny compiled releases for the price, value and timing rule tests.

Each test states only what its rule reads (values, dates, statuses); the OCDS nesting around them
is written once here so the tests stay readable and cannot disagree about the shape of a release.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]


def money(amount: float | None, currency: str = "KZT") -> Json:
    return {"amount": amount, "currency": currency}


def item(cls_id: str, price: float, unit: str = "Piece", currency: str = "KZT") -> Json:
    """An item of class `CPV cls_id` priced `price` per `unit`."""
    return {
        "id": cls_id,
        "classification": {"scheme": "CPV", "id": cls_id},
        "quantity": 1,
        "unit": {"name": unit, "value": money(price, currency)},
    }


def award(
    award_id: str,
    value: float | None,
    *,
    date: str | None = None,
    status: str = "active",
    currency: str = "KZT",
    items: list[Json] | None = None,
) -> Json:
    found: Json = {"id": award_id, "status": status, "value": money(value, currency)}
    if date is not None:
        found["date"] = date
    if items is not None:
        found["items"] = items
    return found


def contract(
    contract_id: str,
    award_id: str,
    value: float | None,
    *,
    signed: str | None = None,
    currency: str = "KZT",
    amendments: int = 0,
    items: list[Json] | None = None,
) -> Json:
    found: Json = {"id": contract_id, "awardID": award_id, "value": money(value, currency)}
    if signed is not None:
        found["dateSigned"] = signed
    if amendments:
        found["amendments"] = [
            {"id": f"{contract_id}-a{n}", "date": "2020-01-01T00:00:00Z"} for n in range(amendments)
        ]
    if items is not None:
        found["items"] = items
    return found


def release(
    ocid: str,
    *,
    awards: list[Json] | None = None,
    contracts: list[Json] | None = None,
    method: str = "open",
    category: str | None = None,
    estimate: Json | None = None,
    tender_end: str | None = None,
    tender_items: list[Json] | None = None,
    buyer: str = "buyer-1",
) -> Json:
    """A compiled release with a buyer party, a tender and the given awards and contracts."""
    tender: Json = {"id": f"{ocid}-t", "procurementMethod": method}
    if category is not None:
        tender["mainProcurementCategory"] = category
    if estimate is not None:
        tender["value"] = estimate
    if tender_end is not None:
        tender["tenderPeriod"] = {"endDate": tender_end}
    if tender_items is not None:
        tender["items"] = tender_items
    return {
        "ocid": ocid,
        "parties": [{"id": buyer, "name": buyer, "roles": ["buyer"]}],
        "buyer": {"id": buyer, "name": buyer},
        "tender": tender,
        "awards": awards or [],
        "contracts": contracts or [],
    }
