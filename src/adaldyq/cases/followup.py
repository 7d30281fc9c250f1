"""A report's workflow and its deadlines (WB-12, WB-13): acknowledge within 7 days, feedback
within 3 months, an extension to at most 6 months with a reason, and the overdue list as of any
day.

The report moves received -> acknowledged -> assessed (or inadmissible) -> investigating ->
concluded -> outcome sent; each move is a row of the append-only `report_status_changes` and
of the audit chain. Concluding (or finding the report inadmissible) starts its retention.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, deadlines
from adaldyq.cases.models import Report, ReportStatus, ReportStatusChange, User, utcnow
from adaldyq.cases.workflow import end_of, step
from adaldyq.errors import InputError
from adaldyq.settings import CasesSettings

R = ReportStatus
REPORT_MOVES: Mapping[ReportStatus, frozenset[ReportStatus]] = {
    R.RECEIVED: frozenset({R.ACKNOWLEDGED}),
    R.ACKNOWLEDGED: frozenset({R.ASSESSED, R.INADMISSIBLE}),
    R.ASSESSED: frozenset({R.INVESTIGATING, R.CONCLUDED}),
    R.INADMISSIBLE: frozenset({R.OUTCOME_SENT}),
    R.INVESTIGATING: frozenset({R.CONCLUDED}),
    R.CONCLUDED: frozenset({R.OUTCOME_SENT}),
    R.OUTCOME_SENT: frozenset(),
}
ENDS = frozenset({R.INADMISSIBLE, R.CONCLUDED})
"""States that end the handling: they need a reason and start the retention period."""


@dataclass(frozen=True)
class Overdue:
    """A deadline missed as of a day: the report, which deadline, when it was due, how late."""

    report_id: int
    deadline: str  # "acknowledgement" or "feedback"
    due: datetime
    days_late: int


def move_report(
    session: Session,
    report: Report,
    target: ReportStatus,
    by: User,
    settings: CasesSettings,
    reason: str | None = None,
) -> ReportStatusChange:
    """Move a report one legal step; acknowledging resets the feedback deadline to 3 months
    from now, ending it starts retention, sending the outcome counts as feedback."""
    change = step(session, REPORT_MOVES, ENDS, report.status, target, by, reason,
                  ReportStatusChange(report_id=report.id), "report", report.id)  # fmt: skip
    now = change.changed_at
    report.status = target
    if target == R.ACKNOWLEDGED:
        report.acknowledged_at = now
        report.feedback_due = deadlines.feedback_due(report.received_at, now)
    if target in ENDS:
        report.concluded_at = now
        report.retain_until = now + timedelta(days=retention_days(report, settings))
    if target == R.OUTCOME_SENT and report.feedback_sent_at is None:
        report.feedback_sent_at = now
    session.flush()
    return change


def retention_days(report: Report, settings: CasesSettings) -> int:
    """The report's retention period: its channel's, or the default."""
    return settings.retention_days_by_channel.get(report.channel.value, settings.retention_days)


def record_feedback(session: Session, report: Report, by: User) -> None:
    """Note that the reporter was given feedback (the message itself goes through
    `intake.post_message`); the first feedback is the one the deadline asks for."""
    if report.status == R.RECEIVED:
        raise InputError(f"report {report.id}: acknowledge it before giving feedback")
    if report.feedback_sent_at is None:
        report.feedback_sent_at = utcnow()
        session.flush()
    audit.append(session, "report.feedback", by, "report", report.id)


def extend(session: Session, report: Report, until: datetime, reason: str, by: User) -> None:
    """Extend the feedback deadline (Art. 11(2)(d)): later than the current one, at most 6
    months from the acknowledgement (or day 7), and with a reason."""
    if not reason.strip():
        raise InputError("an extension needs a reason", field="reason")
    latest = deadlines.latest_extension(report.received_at, report.acknowledged_at)
    current = report.extended_to or report.feedback_due
    if not current < until <= latest:
        raise InputError(
            f"report {report.id}: an extension must fall after {current:%Y-%m-%d} and on or "
            f"before {latest:%Y-%m-%d}",
            field="until",
        )
    report.extended_to = until
    report.extension_reason = reason
    session.flush()
    details: dict[str, audit.Scalar] = {"until": until.isoformat()}
    audit.append(session, "report.extended", by, "report", report.id, details)


def overdue(session: Session, as_of: date) -> list[Overdue]:
    """Deadlines missed by the end of `as_of`, judged by what was done by then: an
    acknowledgement or feedback given after that day does not count for it."""
    moment = end_of(as_of)
    query = select(Report).where(
        Report.received_at < moment,
        Report.purged_at.is_(None),
        or_(
            Report.acknowledged_at.is_(None),
            Report.feedback_sent_at.is_(None),
            Report.acknowledged_at >= moment,
            Report.feedback_sent_at >= moment,
        ),
    )
    found = []
    for report in session.scalars(query.order_by(Report.id)):
        if _late(report.ack_due, report.acknowledged_at, moment):
            found.append(_item(report.id, "acknowledgement", report.ack_due, as_of))
        acknowledged = report.acknowledged_at
        if acknowledged is not None and acknowledged >= moment:
            acknowledged = None  # not yet acknowledged on that day: due 3 months after day 7
        due = report.extended_to or deadlines.feedback_due(report.received_at, acknowledged)
        if _late(due, report.feedback_sent_at, moment):
            found.append(_item(report.id, "feedback", due, as_of))
    return found


def _late(due: datetime, done: datetime | None, moment: datetime) -> bool:
    return due < moment and (done is None or done >= moment)


def _item(report_id: int, deadline: str, due: datetime, as_of: date) -> Overdue:
    return Overdue(report_id, deadline, due, (as_of - due.date()).days)
