"""goszakup dictionary ids mapped to OCDS codes (GOSZAKUP.md §1.5 and §4.2).

Ids are the stable keys; Russian names are loaded from the `/v3/refs/*` snapshots in the raw
folder when present (`ref_trade_methods.jsonl`), else the names below (as seen in public clients)
are used. Only the ids the document confirms are mapped; an unknown id leaves the OCDS code out
rather than guess, and the id itself is kept in an `x_gz_*` field.
"""

# ruff: noqa: RUF001  (goszakup's Russian dictionary names are the subject)

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from adaldyq.ingest.goszakup.fields import FieldError, required_id, text
from adaldyq.ingest.goszakup.raw import read_entity

TRADE_METHOD_CLASS: dict[int, str] = {
    2: "open",
    3: "open",
    7: "open",
    8: "open",
    22: "open",
    188: "open",
    32: "selective",
    132: "selective",
    6: "direct",
    23: "direct",
    105: "direct",
}
"""`ref_trade_methods` id -> OCDS `procurementMethod` (§4.2: open, selective, direct)."""

AWARD_CRITERIA: dict[int, str] = {3: "priceOnly", 7: "priceOnly", 188: "ratedCriteria"}
"""`ref_trade_methods` id -> OCDS `awardCriteria`, where the method fixes it: quotations and
auctions go to the lowest price, the rating-point competition to the lowest conditional price
after the criteria's discounts (GOSZAKUP.md §5)."""

NON_GZ_METHODS = frozenset({105, 107, 116, 117, 118})
"""Quasi-public-sector methods, "(не ГЗ)": outside the Law on public procurement."""

TRADE_METHOD_NAMES: dict[int, str] = {
    2: "Открытый конкурс",
    3: "Запрос ценовых предложений",
    6: "Из одного источника по несостоявшимся закупкам",
    7: "Аукцион",
    8: "Через товарные биржи",
    22: "Конкурс с применением двухэтапных процедур",
    23: "Из одного источника путем прямого заключения договора",
    32: "Конкурс с предварительным квалификационным отбором",
    50: "Закупка жилища",
    52: "Закупка по государственному социальному заказу",
    128: "Конкурс с применением специального порядка",
    130: "Государственные закупки с применением особого порядка",
    132: "Первый этап конкурса с использованием рамочного соглашения",
    188: "Конкурс с использованием рейтингово-балльной системы",
}

BUY_STATUS: dict[int, str] = {
    **dict.fromkeys((190, 210, 220, 230, 240, 250, 260, 310, 440, 540), "active"),
    350: "complete",
    410: "cancelled",
    430: "cancelled",
}
"""`ref_buy_status` id -> OCDS `tender.status`."""

SUBJECT_TYPE: dict[int, str] = {1: "goods", 2: "works", 3: "services"}
"""`ref_subject_type` id -> OCDS `mainProcurementCategory`."""

LOT_STATUS: dict[int, str] = {
    2: "planned",
    5: "active",
    9: "complete",
    10: "unsuccessful",
    20: "cancelled",
    22: "active",
}
"""Portal status of a lot (one namespace with plan points) -> OCDS lot status."""

BID_STATUS: dict[str, str] = {
    "подано": "valid",
    "победитель": "valid",
    "допущена": "valid",
    "допущено": "valid",
    "отклонена": "disqualified",
    "отклонено": "disqualified",
    "не допущена": "disqualified",
    "отозвана": "withdrawn",
    "отозвано": "withdrawn",
}
"""`RefAppStatus.nameRu` (lower case) -> OCDS bid status. A submitted bid that was not rejected in
a finished procedure was admitted, hence `valid`."""

WINNER_STATUS = "победитель"


@dataclass
class Dictionaries:
    """Dictionary names for this conversion: the raw folder's snapshots over the built-in ones."""

    trade_methods: dict[int, str] = field(default_factory=lambda: dict(TRADE_METHOD_NAMES))

    def method_name(self, method_id: int | None) -> str | None:
        return self.trade_methods.get(method_id) if method_id is not None else None


def load_dictionaries(raw_dir: Path) -> tuple[Dictionaries, list[tuple[str, int, str]]]:
    """The dictionaries, and the (file, line, reason) of snapshot lines that could not be read."""
    dictionaries = Dictionaries()
    problems: list[tuple[str, int, str]] = []
    for record in read_entity(raw_dir, "ref_trade_methods"):
        if record.data is None:
            problems.append((record.file, record.line, record.error))
            continue
        try:
            name = text(record.data, "name_ru")
            if name is not None:
                dictionaries.trade_methods[required_id(record.data)] = name
        except FieldError as exc:
            problems.append((record.file, record.line, str(exc)))
    return dictionaries, problems
