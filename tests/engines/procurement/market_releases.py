"""Tiny compiled releases for the market-structure golden tests: who bought, who bid, who won."""

from __future__ import annotations

from typing import Any

Release = dict[str, Any]


def awarded_release(
    ocid: str,
    buyer: str,
    supplier: str | list[str],
    amount: float | None,
    date: str,
    method: str = "direct",
    currency: str = "KZT",
    classification: str | None = None,
    category: str | None = None,
    founded: str | None = None,
) -> Release:
    """A process with one active award from `buyer` to `supplier` (several ids: a consortium)."""
    suppliers = [supplier] if isinstance(supplier, str) else supplier
    award: dict[str, Any] = {
        "id": f"{ocid}-a",
        "status": "active",
        "date": date,
        "suppliers": [{"id": s} for s in suppliers],
    }
    if amount is not None:
        award["value"] = {"amount": amount, "currency": currency}
    tender: dict[str, Any] = {"procurementMethod": method, "datePublished": date}
    if category:
        tender["mainProcurementCategory"] = category
    if classification:
        tender["items"] = [{"id": "1", "classification": {"scheme": "CPV", "id": classification}}]
    parties: list[dict[str, Any]] = [{"id": buyer, "roles": ["buyer"]}]
    for s in suppliers:
        party: dict[str, Any] = {"id": s, "roles": ["supplier"]}
        if founded:
            party["details"] = {"foundingDate": founded}
        parties.append(party)
    return {
        "ocid": ocid,
        "buyer": {"id": buyer},
        "parties": parties,
        "tender": tender,
        "awards": [award],
    }


def bidding_release(ocid: str, tenderers: list[str], winner: str | None) -> Release:
    """An open process where each of `tenderers` bid alone and `winner` (if any) got the award."""
    release: Release = {
        "ocid": ocid,
        "tender": {"procurementMethod": "open"},
        "bids": {
            "details": [
                {"id": f"b{i}", "status": "valid", "tenderers": [{"id": t}]}
                for i, t in enumerate(tenderers)
            ]
        },
    }
    if winner is not None:
        release["awards"] = [{"id": "a", "status": "active", "suppliers": [{"id": winner}]}]
    return release


def markets() -> list[Release]:
    """Three item classes of four awards each, plus a one-award class and an award in USD.

    CPV 33: S1 800 (two awards), S2 100, S3 100: shares 0.8/0.1/0.1, HHI 6,600.
    CPV 45: S1 300, S2 300, S3 200, S4 200: no dominant supplier, HHI 2,600 (S1 leads on the tie).
    CPV 15: a consortium S5+S6 400 (200 each), S7, S8, S9 200 each: five shares of 0.2, HHI 2,000.
    """
    sales: list[tuple[str, str | list[str], float, str]] = [
        ("m1", "S1", 600, "33100000"), ("m2", "S1", 200, "33600000"),
        ("m3", "S2", 100, "33100000"), ("m4", "S3", 100, "33100000"),
        ("w1", "S1", 300, "45200000"), ("w2", "S2", 300, "45200000"),
        ("w3", "S3", 200, "45200000"), ("w4", "S4", 200, "45200000"),
        ("f1", ["S5", "S6"], 400, "15800000"), ("f2", "S7", 200, "15800000"),
        ("f3", "S8", 200, "15800000"), ("f4", "S9", 200, "15800000"),
    ]  # fmt: skip
    releases = [
        awarded_release(
            ocid, "B1", supplier, amount, "2018-05-01T00:00:00Z", "open", classification=cpv
        )
        for ocid, supplier, amount, cpv in sales
    ]
    releases.append(
        awarded_release(
            "usd", "B1", "S2", 1e6, "2018-05-01T00:00:00Z", "open", "USD", classification="33100000"
        )
    )
    releases.append(
        awarded_release("goods", "B1", "S9", 500, "2018-05-01T00:00:00Z", "open", category="goods")
    )
    return releases
