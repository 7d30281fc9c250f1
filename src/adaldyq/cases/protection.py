"""The protection register (WB-18): a reporter who disclosed their identity with consent is
protected for a window (3 years from the report's date by default, `cases.protection_years`);
any dismissal, discipline or transfer of that person recorded inside the window opens a
retaliation sub-case at once, without anyone having to judge whether it looks like one.

The person stays in the identity vault; the register names only the employer and the window.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, deadlines, workflow
from adaldyq.cases.models import (
    Case,
    CaseSource,
    HrAction,
    HrActionKind,
    IdentityRecord,
    ProtectionEntry,
    Report,
    User,
    utcnow,
)
from adaldyq.errors import InputError
from adaldyq.settings import CasesSettings


def register(
    session: Session,
    report: Report,
    employer: str,
    by: User,
    settings: CasesSettings,
    employer_id: str | None = None,
) -> ProtectionEntry:
    """Enter a reporter in the register; they must have disclosed their identity with consent
    (the vault's record), and the window runs from the report's date."""
    record = session.scalars(
        select(IdentityRecord).where(IdentityRecord.report_id == report.id)
    ).first()
    if record is None or not record.consent_to_disclose or record.consent_at is None:
        raise InputError(f"report {report.id}: the reporter has not consented to protection")
    existing = session.scalars(
        select(ProtectionEntry.id).where(ProtectionEntry.report_id == report.id)
    ).first()
    if existing is not None:
        raise InputError(f"report {report.id} is in the register already (entry {existing})")
    start = report.received_at
    entry = ProtectionEntry(
        report_id=report.id,
        employer=employer,
        employer_id=employer_id,
        window_start=start.date(),
        window_end=deadlines.add_months(start, 12 * settings.protection_years).date(),
        consent_at=record.consent_at,
        created_at=utcnow(),
        created_by=by.id,
    )
    session.add(entry)
    session.flush()
    details: dict[str, audit.Scalar] = {"report": report.id, "until": entry.window_end.isoformat()}
    audit.append(session, "protection.registered", by, "protection", entry.id, details)
    return entry


def in_window(entry: ProtectionEntry, day: date) -> bool:
    """Whether `day` falls in the protection window (both ends included)."""
    return entry.window_start <= day <= entry.window_end


def record_hr_action(
    session: Session, entry: ProtectionEntry, kind: HrActionKind, action_date: date, by: User
) -> HrAction:
    """Record a dismissal, discipline or transfer of a protected person; inside the window it
    opens a retaliation sub-case (of the report's case, if there is one) and links it."""
    action = HrAction(
        protection_id=entry.id, kind=kind, action_date=action_date, noticed_at=utcnow()
    )
    session.add(action)
    session.flush()
    details: dict[str, audit.Scalar] = {
        "kind": kind.value,
        "in_window": in_window(entry, action_date),
    }
    audit.append(session, "protection.hr_action", by, "protection", entry.id, details)
    if in_window(entry, action_date):
        parent = session.scalars(
            select(Case)
            .where(Case.report_id == entry.report_id, Case.parent_case_id.is_(None))
            .order_by(Case.id)
        ).first()
        case = workflow.open_case(
            session,
            CaseSource.RETALIATION,
            f"Possible retaliation: {kind.value} on {action_date.isoformat()}",
            by,
            report_id=entry.report_id,
            parent=parent,
        )
        action.retaliation_case_id = case.id
        session.flush()
    return action
