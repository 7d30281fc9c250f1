"""Retention (WB-15, Art. 18: a record kept no longer than needed): warnings before a report's
retention ends, then secure deletion of its content.

Deletion removes every secret of the report: messages and attachments (ciphertext), the
receipt and its wrapped key, every sealed key, the identity vault and its requests, conflicts,
and the protection entry with its HR notices. What the statistics need stays, anonymised: the
report row (channel, type, region, status, dates, outcome) without its free-text fields, and
its status history without the reasons. Nothing is deleted under a legal hold, inside an open
protection window, or within `retention_quiet_days` of the reporter's last message (a reporter
who just wrote is still engaged). On SQLite `secure_delete` overwrites the freed pages; on
PostgreSQL the dead rows stay on disk until VACUUM, which the operator must run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, delete, func, select
from sqlalchemy.orm import Session

from adaldyq.cases import audit
from adaldyq.cases.models import (
    Attachment,
    Conflict,
    HrAction,
    IdentityRecord,
    IdentityRequest,
    ProtectionEntry,
    Receipt,
    Report,
    ReportMessage,
    ReportStatusChange,
    SealedKey,
    User,
    utcnow,
)
from adaldyq.cases.workflow import end_of
from adaldyq.errors import InputError
from adaldyq.settings import CasesSettings


@dataclass(frozen=True)
class RetentionNotice:
    """A report whose retention ends soon: when, and in how many days from the day asked."""

    report_id: int
    retain_until: datetime
    days_left: int


def expiring(session: Session, as_of: date, settings: CasesSettings) -> list[RetentionNotice]:
    """Reports whose retention ends within `retention_warning_days` after `as_of` (or has
    ended), not purged and not on legal hold."""
    horizon = end_of(as_of + timedelta(days=settings.retention_warning_days))
    query = select(Report).where(
        Report.retain_until.is_not(None),
        Report.retain_until < horizon,
        Report.purged_at.is_(None),
        Report.legal_hold.is_(False),
    )
    return [
        RetentionNotice(report.id, report.retain_until, (report.retain_until.date() - as_of).days)
        for report in session.scalars(query.order_by(Report.retain_until, Report.id))
        if report.retain_until is not None
    ]


def warn(
    session: Session, as_of: date, settings: CasesSettings, by: User | None
) -> list[RetentionNotice]:
    """Warn once about each expiring report (stamped on the report and audit-logged); returns
    the new warnings only."""
    fresh = []
    for notice in expiring(session, as_of, settings):
        report = session.get_one(Report, notice.report_id)
        if report.retention_warned_at is None:
            report.retention_warned_at = utcnow()
            details: dict[str, audit.Scalar] = {"until": notice.retain_until.date().isoformat()}
            audit.append(session, "report.retention_warned", by, "report", report.id, details)
            fresh.append(notice)
    session.flush()
    return fresh


def due_for_deletion(session: Session, as_of: date, settings: CasesSettings) -> list[Report]:
    """Reports whose retention ended by `as_of` and that nothing holds back."""
    moment = end_of(as_of)
    query = select(Report).where(
        Report.retain_until < moment, Report.purged_at.is_(None), Report.legal_hold.is_(False)
    )
    return [
        report
        for report in session.scalars(query.order_by(Report.id))
        if _held_back(session, report, as_of, settings) is None
    ]


def purge(
    session: Session, report: Report, as_of: date, settings: CasesSettings, by: User | None
) -> dict[str, int]:
    """Delete a report's content and secrets, keep its anonymised row; returns the rows
    deleted per table (also in the audit chain)."""
    if report.purged_at is not None:
        raise InputError(f"report {report.id} was already purged")
    if report.retain_until is None or report.retain_until >= end_of(as_of):
        raise InputError(f"report {report.id}: its retention has not ended on {as_of}")
    if report.legal_hold:
        raise InputError(f"report {report.id} is on legal hold")
    held = _held_back(session, report, as_of, settings)
    if held:
        raise InputError(f"report {report.id}: {held}")
    counts = _delete_secrets(session, report.id)
    counts["report_status_changes"] = _strip_reasons(session, report.id)
    report.substatus = None
    report.extension_reason = None
    report.purged_at = utcnow()
    session.flush()
    session.expire(report, ["receipt", "messages"])
    audit.append(session, "report.purged", by, "report", report.id, dict(counts))
    return counts


def _held_back(
    session: Session, report: Report, as_of: date, settings: CasesSettings
) -> str | None:
    last_word = session.scalar(
        select(func.max(ReportMessage.sent_at)).where(
            ReportMessage.report_id == report.id, ReportMessage.from_reporter.is_(True)
        )
    )
    quiet = timedelta(days=settings.retention_quiet_days)
    if last_word is not None and as_of < last_word.date() + quiet:
        return f"the reporter wrote on {last_word:%Y-%m-%d}, within the quiet period"
    window = session.scalar(
        select(ProtectionEntry.window_end).where(ProtectionEntry.report_id == report.id)
    )
    if window is not None and window >= as_of:
        return f"its protection window runs to {window}"
    return None


def _delete_secrets(session: Session, report_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    entry_ids = select(ProtectionEntry.id).where(ProtectionEntry.report_id == report_id)
    hr = delete(HrAction).where(HrAction.protection_id.in_(entry_ids))
    counts["hr_actions"] = _deleted(session, hr)
    for table in (
        Attachment,
        ReportMessage,
        Receipt,
        SealedKey,
        IdentityRequest,
        IdentityRecord,
        Conflict,
        ProtectionEntry,
    ):
        column = table.__table__.c.report_id
        counts[table.__tablename__] = _deleted(session, delete(table).where(column == report_id))
    return counts


def _deleted(session: Session, statement: Delete) -> int:
    result = cast(CursorResult[Any], session.execute(statement))
    return result.rowcount


def _strip_reasons(session: Session, report_id: int) -> int:
    """Replace the history rows by copies without their reasons (free text a handler wrote;
    the rows refuse UPDATE, so they are deleted and written again)."""
    query = select(ReportStatusChange).where(ReportStatusChange.report_id == report_id)
    rows = list(session.scalars(query.order_by(ReportStatusChange.id)))
    kept = [
        ReportStatusChange(
            report_id=row.report_id,
            from_status=row.from_status,
            to_status=row.to_status,
            changed_at=row.changed_at,
            changed_by=row.changed_by,
        )
        for row in rows
    ]
    session.execute(delete(ReportStatusChange).where(ReportStatusChange.report_id == report_id))
    session.add_all(kept)
    return len(rows)
