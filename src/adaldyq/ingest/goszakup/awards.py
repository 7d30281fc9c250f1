"""Awards of lots that have no contract: goszakup has no award object, so a lot's award is read off
its contract where there is one (`contracts.py`), and otherwise off the lot and its bids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from adaldyq.ingest.goszakup.bids import Bid
from adaldyq.ingest.goszakup.contracts import ContractParts
from adaldyq.ingest.goszakup.fields import present
from adaldyq.ingest.goszakup.tender import Lot


def lot_awards(
    lots: Iterable[Lot], bids: list[Bid], parts: list[ContractParts], date: str | None
) -> list[dict[str, Any]]:
    """For each lot no contract covers: `unsuccessful` when the procurement failed (status 10),
    `pending` for the bid goszakup marks the winner ("Победитель") while no contract is signed."""
    covered = {lot_id for p in parts for lot_id in p.award.get("relatedLots", [])}
    winners = {bid.lot_id: bid for bid in bids if bid.winner}
    awards = []
    for lot in lots:
        if str(lot.id) in covered:
            continue
        if lot.lot.get("status") == "unsuccessful":
            awards.append(
                {
                    "id": f"{lot.id}-unsuccessful",
                    "status": "unsuccessful",
                    "relatedLots": [str(lot.id)],
                }
            )
        elif (winner := winners.get(lot.id)) is not None:
            value = winner.detail.get("value")
            award = {
                "id": f"{lot.id}-{winner.tenderer_id}",
                "status": "pending",
                "date": date,
                "value": value,
                "suppliers": [winner.tenderer],
                "relatedLots": [str(lot.id)],
            }
            awards.append(present(award))
    return awards
