"""Supplier applications (`TrdApp` -> `AppLots` -> `Offers`) as OCDS bids (bids extension).

One application covers several lots; OCDS has one bid per application and lot, so each `AppLots`
entry is a bid. The rating-point conditional discount is kept on the bid: `value.amount` is the
offered amount (what the contract is signed for), `x_gz_discountValue` the conditional discount
in percent and `x_gz_discountPrice` the conditional price after it (the lowest wins, GOSZAKUP.md
§5), so the award can be recomputed from the release alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from adaldyq.ingest.goszakup.almaty import local_time
from adaldyq.ingest.goszakup.codes import BID_STATUS, WINNER_STATUS
from adaldyq.ingest.goszakup.fields import (
    FieldError,
    integer,
    number,
    objects,
    present,
    required_id,
    text,
)
from adaldyq.ingest.goszakup.parties import PartyBook


@dataclass(frozen=True)
class Bid:
    """One bid: the OCDS bid, its lot, and whether goszakup marked it the winner."""

    lot_id: int
    tenderer_id: str
    winner: bool
    tenderer: dict[str, str]
    amount: float | None
    detail: dict[str, Any]


def bids(record: dict[str, Any], currency: str, book: PartyBook) -> list[Bid]:
    """The bids of one application, one per lot it covers."""
    app_id = required_id(record)
    date = local_time(record, "date_apply")
    supplier = objects(record, "supplier")
    named = {**record, "supplier_name": text(supplier[0], "name_ru") if supplier else None}
    parsed = [
        _bid_fields(app_lot, index) for index, app_lot in enumerate(objects(record, "app_lots"))
    ]
    tenderer = book.ref(named, "supplier_bin_iin", "supplier_name", "tenderer")
    if tenderer is None:
        raise FieldError("supplier_bin_iin", "missing")
    result = []
    for fields in parsed:
        detail = {
            "id": str(fields["id"]),
            "date": date,
            "status": fields["status"],
            "tenderers": [tenderer],
            "value": {"amount": fields["amount"], "currency": currency}
            if fields["amount"] is not None
            else None,
            "relatedLots": [str(fields["lot_id"])],
            "x_gz_app_id": app_id,
            "x_gz_status": fields["status_name"],
            "x_gz_price": fields["price"],
            "x_gz_discountValue": fields["discount_value"],
            "x_gz_discountPrice": fields["discount_price"],
            "x_gz_offers": fields["offers"] or None,
        }
        result.append(
            Bid(
                lot_id=fields["lot_id"],
                tenderer_id=tenderer["id"],
                winner=fields["status_name"] is not None
                and fields["status_name"].lower() == WINNER_STATUS,
                tenderer=tenderer,
                amount=fields["amount"],
                detail=present(detail),
            )
        )
    return result


def _bid_fields(app_lot: dict[str, Any], index: int) -> dict[str, Any]:
    """The fields of one `AppLots` entry; a FieldError names the entry's path."""
    try:
        statuses = objects(app_lot, "ref_app_status")
        status_name = text(statuses[0], "name_ru") if statuses else None
        return {
            "id": required_id(app_lot),
            "lot_id": required_id(app_lot, "lot_id"),
            "status_name": status_name,
            "status": BID_STATUS.get(status_name.lower()) if status_name else None,
            "amount": number(app_lot, "amount"),
            "price": number(app_lot, "price"),
            "discount_value": number(app_lot, "discount_value"),
            "discount_price": number(app_lot, "discount_price"),
            "offers": [
                {
                    "id": str(required_id(offer)),
                    "pointId": integer(offer, "point_id"),
                    "price": number(offer, "price"),
                    "amount": number(offer, "amount"),
                }
                for offer in objects(app_lot, "offers")
            ],
        }
    except FieldError as exc:
        raise FieldError(f"app_lots[{index}].{exc.field}", exc.reason) from None
