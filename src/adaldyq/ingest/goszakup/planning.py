"""Plan points (`Plans`/PlnPoint) as planned items and the planning budget of a process.

A lot lists its plan points in `point_list`, and a contract line names its `pln_point_id`. The
plan point carries what lots mostly lack (ENSTRU on 1.9 % of lots only, GOSZAKUP.md §1.6): the
item code, the unit and the planned price, so items are built from plan points. The planned
items go to `planning.items` (the planning-items extension Adaldyq's planning rules read) and,
tied to their lot, to `tender.items`.
"""

# ruff: noqa: RUF001  (the Russian name of the nomenclature)

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from adaldyq.ingest.goszakup.almaty import local_time
from adaldyq.ingest.goszakup.fields import (
    flag,
    integer,
    number,
    objects,
    present,
    required_id,
    text,
)

ENSTRU_SCHEME = "KZ-ENSTRU"
"""Scheme of the single nomenclature of goods, works and services (ЕНС ТРУ, also KTRU); our name."""


@dataclass(frozen=True)
class PlanPoint:
    """A converted plan point: the planned item, its planned amount and budget lines."""

    id: int
    item: dict[str, Any]
    amount: float | None
    budget_lines: list[dict[str, Any]]
    extras: dict[str, Any]


def plan_point(record: dict[str, Any], currency: str) -> PlanPoint:
    """Read one plan point (GraphQL `Plans` or REST `/v3/plans/all`)."""
    point_id = required_id(record)
    price = number(record, "price")
    item: dict[str, Any] = {
        "id": str(point_id),
        "description": text(record, "name_ru"),
        "quantity": number(record, "count"),
    }
    if description_kk := text(record, "name_kz"):
        item["description_kk"] = description_kk
    if code := text(record, "ref_enstru_code"):
        item["classification"] = {"scheme": ENSTRU_SCHEME, "id": code}
    unit: dict[str, Any] = {"scheme": "KZ-MKEI", "id": text(record, "ref_units_code")}
    if price is not None:
        unit["value"] = {"amount": price, "currency": currency}
    item["unit"] = present(unit)
    kato = [text(place, "ref_kato_code") for place in objects(record, "plans_kato")]
    if kato := [code for code in kato if code]:
        item["x_gz_kato"] = kato
    lines = [
        {
            "abp": text(spec, "abp_code"),
            "fkrb_program": text(spec, "fkrb_program_code"),
            "ekrb": text(spec, "ekrb_code"),
            "amount": number(spec, "amount"),
        }
        for spec in objects(record, "plans_spec")
    ]
    extras = {
        "x_gz_month": integer(record, "ref_months_id"),
        "x_gz_year": integer(record, "pln_point_year"),
        "x_gz_planned_method_id": integer(record, "ref_trade_methods_id"),
        "x_gz_justification_id": integer(record, "ref_justification_id"),
        "x_gz_rootrecord_id": integer(record, "rootrecord_id"),
        "x_gz_status_id": integer(record, "ref_pln_point_status_id"),
        "x_gz_date_create": local_time(record, "date_create"),
        "x_gz_qvazi": flag(record, "is_qvazi"),
    }
    return PlanPoint(
        id=point_id,
        item=present(item),
        amount=number(record, "amount"),
        budget_lines=[present(line) for line in lines],
        extras=present(extras),
    )


def planning(points: list[PlanPoint], currency: str) -> dict[str, Any]:
    """The planning block of a process from its plan points: budget total, items, per-point data."""
    amounts = [p.amount for p in points if p.amount is not None]
    block: dict[str, Any] = {
        "items": [{**p.item, **p.extras} for p in points],
    }
    if amounts:
        block["budget"] = {
            "id": ",".join(str(p.id) for p in points),
            "amount": {"amount": round(sum(amounts), 2), "currency": currency},
        }
        lines = [line for p in points for line in p.budget_lines]
        if lines:
            block["budget"]["x_gz_budget_lines"] = lines
    return block
