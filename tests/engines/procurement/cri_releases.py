"""Small builders of compiled releases for the CRI golden tests (one place, so tests stay short)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

Release = dict[str, Any]
START = date(2020, 1, 1)


def day(offset: int, start: date = START) -> str:
    """An RFC 3339 timestamp `offset` days after `start`."""
    return f"{start + timedelta(days=offset)}T10:00:00Z"


def release(ocid: str, method: str | None = "open", **tender: Any) -> Release:
    """A process with a tender in `method` and any other tender fields."""
    body: dict[str, Any] = dict(tender)
    if method is not None:
        body["procurementMethod"] = method
    return {"ocid": ocid, "tender": body}


def with_bids(rel: Release, *tenderers: str, status: str = "valid") -> Release:
    """Add one bid per tenderer id."""
    details = rel.setdefault("bids", {}).setdefault("details", [])
    for who in tenderers:
        details.append({"id": f"b{len(details)}", "status": status, "tenderers": [{"id": who}]})
    return rel


def with_award(
    rel: Release, *suppliers: str, amount: float | None = None, date_: str | None = None,
    lots: list[str] | None = None,
) -> Release:  # fmt: skip
    """Add an active award to the given supplier ids."""
    award: dict[str, Any] = {
        "id": f"a{len(rel.get('awards', []))}",
        "status": "active",
        "suppliers": [{"id": s} for s in suppliers],
    }
    if amount is not None:
        award["value"] = {"amount": amount, "currency": "KZT"}
    if date_ is not None:
        award["date"] = date_
    if lots is not None:
        award["relatedLots"] = lots
    rel.setdefault("awards", []).append(award)
    return rel


def with_buyer(rel: Release, buyer: str, country: str | None = None) -> Release:
    """Set the buyer, with its address country when given."""
    rel["buyer"] = {"id": buyer}
    party: dict[str, Any] = {"id": buyer, "roles": ["buyer"]}
    if country is not None:
        party["address"] = {"countryName": country}
    rel.setdefault("parties", []).append(party)
    return rel


def with_party(rel: Release, party_id: str, country: str) -> Release:
    """A supplier party with an address country."""
    party = {"id": party_id, "roles": ["supplier"], "address": {"countryName": country}}
    rel.setdefault("parties", []).append(party)
    return rel


def evidence_by_subject(findings: list[Any]) -> dict[str, dict[str, Any]]:
    """Findings as {ocid: evidence}."""
    return {f.subject_id: f.evidence for f in findings}
