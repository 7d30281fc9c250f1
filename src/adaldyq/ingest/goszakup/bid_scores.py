"""The rating-point discounts of a conversion as Adaldyq's bid-score CSV form (RP01's input).

OCDS 1.1 has no place for bid scores, so rule RP01 reads them from one documented form
(`docs/inputs/bid-scores.md`, `adaldyq.ingest.bid_scores`). For every process whose award
criteria are the rating-point system's (`ratedCriteria`, method 188), each admitted bid gives
one line: its offered price and `AppLots.discountValue` as the total conditional discount, so
RP01 recomputes the winner as the lowest `price * (1 - discount / 100)` (GOSZAKUP.md §5).
Other methods are left out: their discounts are usually 0 and their winner is not set this way.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

COLUMNS = (
    "ocid",
    "lot_id",
    "bid_id",
    "tenderer_id",
    "tenderer_name",
    "price",
    "currency",
    "criterion",
    "discount",
)
CRITERION = "conditional discount (AppLots.discountValue)"


def score_rows(release: dict[str, Any]) -> list[dict[str, Any]]:
    """The bid-score lines of one compiled release (none unless it is a rating-point tender)."""
    if release.get("tender", {}).get("awardCriteria") != "ratedCriteria":
        return []
    rows = []
    for bid in release.get("bids", {}).get("details", []):
        discount = bid.get("x_gz_discountValue")
        price = bid.get("x_gz_price", bid.get("value", {}).get("amount"))
        if bid.get("status") != "valid" or discount is None or price is None:
            continue
        tenderer = bid["tenderers"][0]
        for lot_id in bid.get("relatedLots", [None]):
            rows.append(
                {
                    "ocid": release["ocid"],
                    "lot_id": lot_id,
                    "bid_id": bid["id"],
                    "tenderer_id": tenderer["id"],
                    "tenderer_name": tenderer.get("name"),
                    "price": price,
                    "currency": bid.get("value", {}).get("currency"),
                    "criterion": CRITERION,
                    "discount": discount,
                }
            )
    return rows


class BidScoreWriter:
    """Writes the lines as they come; the file is created with the first line only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines = 0
        self._handle: Any = None
        self._writer: csv.DictWriter[str] | None = None
        path.unlink(missing_ok=True)

    def write(self, release: dict[str, Any]) -> None:
        for row in score_rows(release):
            if self._writer is None:
                self._handle = self.path.open("w", newline="", encoding="utf-8")
                self._writer = csv.DictWriter(self._handle, COLUMNS)
                self._writer.writeheader()
            self._writer.writerow(row)
            self.lines += 1

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
