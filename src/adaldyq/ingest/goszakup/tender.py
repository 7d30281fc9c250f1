"""Announcements (`TrdBuy`) and their lots (`Lots`) as the OCDS tender (lots extension).

The tender's method is the planned one (`ref_trade_methods_id`); the method a contract was
actually signed by (`fakt_trade_methods_id`) is kept on each contract, because that is where
goszakup records a single-source fallback after a failed procedure (GOSZAKUP.md §4.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from adaldyq.ingest.goszakup.almaty import local_time, period
from adaldyq.ingest.goszakup.codes import (
    AWARD_CRITERIA,
    BUY_STATUS,
    LOT_STATUS,
    NON_GZ_METHODS,
    SUBJECT_TYPE,
    TRADE_METHOD_CLASS,
    Dictionaries,
)
from adaldyq.ingest.goszakup.fields import (
    flag,
    id_list,
    integer,
    number,
    present,
    required_id,
    text,
)
from adaldyq.ingest.goszakup.parties import PartyBook
from adaldyq.ingest.goszakup.planning import PlanPoint


@dataclass(frozen=True)
class Lot:
    """A converted lot: the OCDS lot, its announcement and its plan points."""

    id: int
    trd_buy_id: int
    point_ids: list[int]
    lot: dict[str, Any]


def lot(record: dict[str, Any], currency: str) -> Lot:
    """Read one lot (REST `/v3/lots` or GraphQL `Lots`)."""
    lot_id = required_id(record)
    trd_buy_id = required_id(record, "trd_buy_id")
    status_id = integer(record, "ref_lot_status_id")
    amount = number(record, "amount")
    body: dict[str, Any] = {
        "id": str(lot_id),
        "title": text(record, "name_ru"),
        "title_kk": text(record, "name_kz"),
        "description": text(record, "description_ru"),
        "status": LOT_STATUS.get(status_id) if status_id is not None else None,
        "value": {"amount": amount, "currency": currency} if amount is not None else None,
        "x_gz_lot_number": text(record, "lot_number"),
        "x_gz_status_id": status_id,
        "x_gz_method_id": integer(record, "ref_trade_methods_id"),
        "x_gz_actual_method_id": integer(record, "ref_buy_trade_methods_id"),
        "x_gz_dumping": flag(record, "dumping"),
        "x_gz_singl_org_sign": flag(record, "singl_org_sign"),
        "x_gz_is_construction_work": flag(record, "is_construction_work"),
        "x_gz_is_deleted": flag(record, "is_deleted"),
    }
    return Lot(
        id=lot_id,
        trd_buy_id=trd_buy_id,
        point_ids=id_list(record, "point_list"),
        lot=present(body),
    )


def method_fields(method_id: int | None, dictionaries: Dictionaries) -> dict[str, Any]:
    """`procurementMethod`, `procurementMethodDetails`, `awardCriteria` and the raw id of a trade
    method (absent fields are dropped by the caller)."""
    fields: dict[str, Any] = {
        "procurementMethod": TRADE_METHOD_CLASS.get(method_id) if method_id is not None else None,
        "procurementMethodDetails": dictionaries.method_name(method_id),
        "awardCriteria": AWARD_CRITERIA.get(method_id) if method_id is not None else None,
        "x_gz_method_id": method_id,
    }
    if method_id in NON_GZ_METHODS:
        fields["x_gz_non_gz"] = True
    return fields


def tender(
    record: dict[str, Any],
    lots: list[Lot],
    points: dict[int, PlanPoint],
    dictionaries: Dictionaries,
    currency: str,
    book: PartyBook,
) -> dict[str, Any]:
    """The tender of one announcement with its lots and the planned items of each lot."""
    trd_buy_id = required_id(record)
    status_id = integer(record, "ref_buy_status_id")
    subject_type = integer(record, "ref_subject_type_id")
    amount = number(record, "total_sum")
    items = [
        {**points[point_id].item, "relatedLot": str(item_lot.id)}
        for item_lot in lots
        for point_id in item_lot.point_ids
        if point_id in points
    ]
    body: dict[str, Any] = {
        "id": text(record, "number_anno") or str(trd_buy_id),
        "title": text(record, "name_ru"),
        "title_kk": text(record, "name_kz"),
        "status": BUY_STATUS.get(status_id) if status_id is not None else None,
        **method_fields(integer(record, "ref_trade_methods_id"), dictionaries),
        "mainProcurementCategory": SUBJECT_TYPE.get(subject_type) if subject_type else None,
        "value": {"amount": amount, "currency": currency} if amount is not None else None,
        "datePublished": local_time(record, "publish_date"),
        "tenderPeriod": _period(record, "start_date", "end_date"),
        "enquiryPeriod": _period(record, "discus_start_date", "discus_end_date"),
        "lots": [item_lot.lot for item_lot in lots] or None,
        "items": items or None,
        "x_gz_id": trd_buy_id,
        "x_gz_buy_status_id": status_id,
        "x_gz_type_trade_id": integer(record, "ref_type_trade_id"),
        "x_gz_repeat_period": _period(record, "repeat_start_date", "repeat_end_date"),
        "x_gz_results_published": local_time(record, "itogi_date_public"),
        "x_gz_parent_id": integer(record, "parent_id"),
        "x_gz_fin_year": id_list(record, "fin_year") or None,
        "x_gz_is_construction_work": flag(record, "is_construction_work"),
    }
    body["procuringEntity"] = book.ref(record, "org_bin", "org_name_ru", "procuringEntity")
    return present(body)


def _period(record: dict[str, Any], start: str, end: str) -> dict[str, str] | None:
    return period(local_time(record, start), local_time(record, end))
