"""Execution of a contract: e-acts of acceptance as milestones, treasury payments as
transactions."""

from __future__ import annotations

from typing import Any

from adaldyq.ingest.goszakup.almaty import local_time
from adaldyq.ingest.goszakup.fields import FieldError, integer, number, present, required_id, text

TREASURY_PAY_URL = "https://ows.goszakup.gov.kz/v3/treasury-pay/{contract_id}"


def transaction(
    record: dict[str, Any],
    currency: str,
    payer: dict[str, str] | None,
    payee: dict[str, str] | None,
) -> dict[str, Any]:
    """One treasury payment (`/v3/treasury-pay`) as an implementation transaction."""
    pay_id = required_id(record)
    contract_id = required_id(record, "contract_id")
    amount = number(record, "pay_amount")
    if amount is None:
        raise FieldError("pay_amount", "missing")
    body = {
        "id": str(pay_id),
        "source": TREASURY_PAY_URL.format(contract_id=contract_id),
        "date": local_time(record, "pay_date"),
        "value": {"amount": amount, "currency": currency},
        "payer": payer,
        "payee": payee,
        "x_gz_kato": text(record, "kato"),
        "x_gz_description": text(record, "item_description"),
    }
    return present(body)


def milestone(record: dict[str, Any]) -> dict[str, Any]:
    """One e-act of acceptance (`/v3/acts`) as a delivery milestone: met when approved and not
    revoked; a revoked act keeps its dates and no status, since acceptance was withdrawn."""
    act_id = required_id(record)
    approved = local_time(record, "approve_date")
    revoked = local_time(record, "revoke_date")
    body: dict[str, Any] = {
        "id": f"act-{act_id}",
        "title": "Акт приемки",
        "type": "delivery",
        "status": "met" if approved and not revoked else None,
        "dateMet": approved if not revoked else None,
        "x_gz_approve_date": approved,
        "x_gz_revoke_date": revoked,
        "x_gz_status_id": integer(record, "status_id"),
    }
    return present(body)
