"""Contracts (`Contract`, `ContractUnits`) as OCDS contracts, and the awards derived from them.

goszakup has no award object (GOSZAKUP.md §4.2): the award is read off the signed contract, one
per contract, covering the lots its lines (`ContractUnits.lot_id`, the only lot-to-contract link)
name, for the value of those lines. An additional agreement is a contract record whose `root_id`
names the original: it becomes an amendment of that contract, and the latest agreement's sum is
the contract's current value (the original's stays as `x_gz_initial_value`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from adaldyq.ingest.goszakup.almaty import latest, local_time, period
from adaldyq.ingest.goszakup.fields import (
    FieldError,
    flag,
    integer,
    number,
    present,
    required_id,
    text,
)
from adaldyq.ingest.goszakup.parties import PartyBook
from adaldyq.ingest.goszakup.planning import PlanPoint


@dataclass(frozen=True)
class ContractLine:
    """A converted contract line (`ContractUnits`)."""

    contract_id: int
    lot_id: int | None
    total: float | None
    item: dict[str, Any]


def contract_line(
    record: dict[str, Any], points: dict[int, PlanPoint], currency: str
) -> ContractLine:
    """Read one contract line; its item code and description come from its plan point."""
    unit_id = required_id(record)
    point_id = integer(record, "pln_point_id")
    point = points.get(point_id) if point_id is not None else None
    price = number(record, "item_price_wnds")
    item: dict[str, Any] = {
        "id": str(unit_id),
        "quantity": number(record, "quantity"),
        "x_gz_lot_id": integer(record, "lot_id"),
        "x_gz_pln_point_id": point_id,
        "x_gz_item_price_novat": number(record, "item_price"),
        "x_gz_total_sum_wnds": number(record, "total_sum_wnds"),
        "x_gz_local_content_share": number(record, "ks_proc"),
    }
    if point is not None:
        for key in ("description", "classification"):
            if key in point.item:
                item[key] = point.item[key]
        item["unit"] = {k: v for k, v in point.item.get("unit", {}).items() if k != "value"}
    if price is not None:
        item["unit"] = {**item.get("unit", {}), "value": {"amount": price, "currency": currency}}
    return ContractLine(
        contract_id=required_id(record, "contract_id"),
        lot_id=integer(record, "lot_id"),
        total=number(record, "total_sum_wnds"),
        item=present(item),
    )


@dataclass(frozen=True)
class ContractParts:
    """What one contract contributes: the award, the contract, and the parties' references."""

    award: dict[str, Any]
    contract: dict[str, Any]
    buyer: dict[str, str] | None
    supplier: dict[str, str]
    updated: str | None


def contract(
    root: dict[str, Any],
    agreements: list[dict[str, Any]],
    lines: list[ContractLine],
    currency: str,
    book: PartyBook,
) -> ContractParts:
    """One contract with its additional agreements and lines, and the award it implies."""
    contract_id = required_id(root)
    versions = [contract_version(root), *(contract_version(a) for a in agreements)]
    versions.sort(key=lambda v: (v["date"] is None, v["date"] or ""))
    current = versions[-1] if agreements else versions[0]
    own_currency = text(root, "ref_currency_code") or currency
    signed = local_time(root, "sign_date")
    deleted = flag(root, "deleted")
    lots = sorted({line.lot_id for line in lines if line.lot_id is not None})
    line_totals = [line.total for line in lines if line.total is not None]
    initial = number(root, "contract_sum_wnds")
    award_value = round(sum(line_totals), 2) if line_totals else initial
    supplier = book.ref(root, "supplier_biin", None, "supplier")
    if supplier is None:
        raise FieldError("supplier_biin", "missing")
    buyer = book.ref(root, "customer_bin", None, "buyer")
    lot_part = "+".join(str(lot_id) for lot_id in lots) if lots else f"c{contract_id}"
    award_id = f"{lot_part}-{supplier['id']}"
    award: dict[str, Any] = {
        "id": award_id,
        "status": "cancelled" if deleted else "active",
        "date": local_time(root, "trd_buy_itogi_date_public") or signed,
        "value": {"amount": award_value, "currency": own_currency}
        if award_value is not None
        else None,
        "suppliers": [supplier],
        "relatedLots": [str(lot_id) for lot_id in lots] or None,
    }
    amount = current["value"] if current["value"] is not None else initial
    body: dict[str, Any] = {
        "id": str(contract_id),
        "awardID": award_id,
        "title": text(root, "description_ru") or text(root, "trd_buy_name_ru"),
        "title_kk": text(root, "description_kz"),
        "status": _status(root),
        "value": {"amount": amount, "currency": own_currency} if amount is not None else None,
        "dateSigned": signed,
        "period": period(signed, current["end"] or local_time(root, "ec_end_date")),
        "items": [line.item for line in lines] or None,
        "amendments": [v["amendment"] for v in versions if v["amendment"] is not None] or None,
        "x_gz_initial_value": initial if agreements else None,
        "x_gz_contract_sum_novat": number(root, "contract_sum"),
        "x_gz_fakt_trade_methods_id": integer(root, "fakt_trade_methods_id"),
        "x_gz_status_id": integer(root, "ref_contract_status_id"),
        "x_gz_subject_type_id": integer(root, "ref_subject_type_id"),
        "x_gz_fin_year": integer(root, "fin_year"),
        "x_gz_number": text(root, "contract_number"),
        "x_gz_number_sys": text(root, "contract_number_sys"),
        "x_gz_trd_buy_number_anno": text(root, "trd_buy_number_anno"),
        "x_gz_trd_buy_name": text(root, "trd_buy_name_ru"),
        "x_gz_plan_exec_date": local_time(root, "plan_exec_date"),
    }
    implementation = {
        "x_gz_fakt_sum_wnds": number(root, "fakt_sum_wnds"),
        "x_gz_fakt_exec_date": local_time(root, "fakt_exec_date"),
    }
    if implementation := present(implementation):
        body["implementation"] = implementation
    updated = latest([local_time(r, "last_update_date") for r in (root, *agreements)])
    return ContractParts(
        award=present(award),
        contract=present(body),
        buyer=buyer,
        supplier=supplier,
        updated=updated,
    )


def amended_contract(record: dict[str, Any]) -> int | None:
    """The contract an additional agreement amends (`root_id`, else `parent_id`); None for an
    original, also when it names itself as its root."""
    root_id, parent_id = integer(record, "root_id"), integer(record, "parent_id")
    amends = root_id if root_id is not None else parent_id
    return None if amends == required_id(record) else amends


def contract_version(record: dict[str, Any]) -> dict[str, Any]:
    """One contract version: its date, value, end date, and the amendment it is (if any).
    Read on its own first, so a malformed agreement is rejected alone."""
    date = local_time(record, "sign_date")
    amendment = None
    if amended_contract(record) is not None:
        justification = integer(record, "ref_amendm_agreem_justif_id")
        amendment = {
            "id": str(required_id(record)),
            "date": date,
            "rationale": f"ref_amendm_agreem_justif_id={justification}"
            if justification is not None
            else None,
            "description": text(record, "description_ru"),
            "x_gz_contract_number": text(record, "contract_number"),
            "x_gz_value": number(record, "contract_sum_wnds"),
            "x_gz_end_date": local_time(record, "ec_end_date"),
        }
        amendment = present(amendment)
    return {
        "date": date,
        "value": number(record, "contract_sum_wnds"),
        "end": local_time(record, "ec_end_date"),
        "amendment": amendment,
    }


def _status(record: dict[str, Any]) -> str:
    """Deleted -> cancelled; executed (`fakt_exec_date`) -> terminated; else active. The
    `ref_contract_status` ids are not confirmed (GOSZAKUP.md §1.5); they are kept as
    `x_gz_status_id`."""
    if flag(record, "deleted"):
        return "cancelled"
    if local_time(record, "fakt_exec_date"):
        return "terminated"
    return "active"
