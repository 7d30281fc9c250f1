"""Planted procurement for the integrity world: releases added to the clean ones, so that the
patterns read from the market itself can be planted (B08 single-buyer dependency, B09's share
jump after an appointment).

A planted release is one process of one buyer with one bid and one active award to one
supplier, written in the generator's form (compiled OCDS, `KZ-BIN-` org ids, award and contract
dated in Almaty time), so the OCDS importer reads it as it reads the rest. The buyer's party
is copied from a generated release of the same buyer, so its name is the one the market knows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import orjson

ORG = "KZ-BIN-"
ZONE = "T18:00:00+05:00"
TENDER_DAYS = 40
"""How long before its award a planted tender opens."""


@dataclass
class Market:
    """The generated buyers' parties, and the releases planted so far."""

    buyers: dict[str, dict[str, Any]]
    planted: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def read(cls, releases: bytes) -> Market:
        """The buyer party of every buyer of the generated releases."""
        buyers: dict[str, dict[str, Any]] = {}
        for line in releases.splitlines():
            release = orjson.loads(line)
            buyer = release["buyer"]["id"]
            if buyer.removeprefix(ORG) not in buyers:
                party = next(p for p in release["parties"] if p["id"] == buyer)
                buyers[buyer.removeprefix(ORG)] = party
        return cls(buyers)

    def award(self, buyer: str, supplier: str, name: str, day: date, amount: float) -> str:
        """Plant a process of `buyer` (BIN) awarded to `supplier` (BIN) on `day`; its ocid."""
        ocid = f"ocds-kzsyn-planted-{len(self.planted):05d}"
        buyer_party = self.buyers[buyer]
        supplier_party = {
            "id": f"{ORG}{supplier}",
            "name": name,
            "identifier": {"scheme": "KZ-BIN", "id": supplier, "legalName": name},
            "roles": ["tenderer", "supplier"],
        }
        value = {"amount": round(amount, 2), "currency": "KZT"}
        opened = day - timedelta(days=TENDER_DAYS)
        self.planted.append({
            "ocid": ocid,
            "id": f"{ocid}-{day:%Y%m%d}",
            "date": f"{day.isoformat()}{ZONE}",
            "tag": ["compiled"],
            "initiationType": "tender",
            "parties": [buyer_party, supplier_party],
            "buyer": {"id": buyer_party["id"], "name": buyer_party["name"]},
            "tender": {
                "id": f"{ocid}-tender", "title": "Закупка", "status": "complete",
                "procurementMethod": "open", "value": value,
                "tenderPeriod": {"startDate": f"{opened.isoformat()}{ZONE}",
                                 "endDate": f"{(day - timedelta(days=10)).isoformat()}{ZONE}"},
                "numberOfTenderers": 1,
            },
            "bids": {"details": [{"id": f"{ocid}-bid-1", "status": "valid", "value": value,
                                  "tenderers": [{"id": supplier_party["id"], "name": name}]}]},
            "awards": [{"id": f"{ocid}-award-1", "status": "active",
                        "date": f"{day.isoformat()}{ZONE}", "value": value,
                        "suppliers": [{"id": supplier_party["id"], "name": name}]}],
        })  # fmt: skip
        return ocid

    def lines(self) -> bytes:
        """The planted releases as JSON lines, to append to the generated ones."""
        return b"".join(orjson.dumps(release) + b"\n" for release in self.planted)
