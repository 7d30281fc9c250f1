"""A report's workflow and deadlines under a frozen clock (WB-12, WB-13): acknowledge in 7
days, feedback 3 months later (from day 7 without an acknowledgement), an extension to 6
months with a reason, and the overdue list as of any day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from adaldyq.cases import audit, followup, intake
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import AuditEntry, Channel, Report, ReportStatus, ReportStatusChange
from adaldyq.cases.workflow import IllegalTransition
from adaldyq.errors import InputError
from adaldyq.settings import CasesSettings
from tests.cases.conftest import Staff

R = ReportStatus
SETTINGS = CasesSettings()


def _at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def _submit(session: Session, staff: dict[str, Staff], kdf: KdfParams, when: datetime) -> Report:
    with time_machine.travel(when, tick=False):
        return intake.submit(session, "t", Channel.WEB, "fraud", [staff["alma"].user], kdf).report


def _late(session: Session, day: date) -> list[tuple[int, str, int]]:
    return [
        (item.report_id, item.deadline, item.days_late) for item in followup.overdue(session, day)
    ]


def test_wb_12_overdue_acknowledgement_and_feedback_as_of_any_day(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma = staff["alma"].user
    silent = _submit(session, staff, kdf, _at(2026, 1, 5))  # never acknowledged
    answered = _submit(session, staff, kdf, _at(2026, 1, 5))
    with time_machine.travel(_at(2026, 1, 9), tick=False):
        followup.move_report(session, answered, R.ACKNOWLEDGED, alma, SETTINGS)
    session.commit()
    assert answered.feedback_due == _at(2026, 4, 9)  # 3 months from the acknowledgement
    assert silent.feedback_due == _at(2026, 4, 12)  # 3 months from day 7

    assert _late(session, date(2026, 1, 11)) == []  # ack due on the 12th at 10:00
    assert _late(session, date(2026, 1, 12)) == [(silent.id, "acknowledgement", 0)]
    assert _late(session, date(2026, 1, 20)) == [(silent.id, "acknowledgement", 8)]
    assert _late(session, date(2026, 4, 9)) == [
        (silent.id, "acknowledgement", 87),
        (answered.id, "feedback", 0),
    ]
    assert _late(session, date(2026, 4, 12)) == [
        (silent.id, "acknowledgement", 90),
        (silent.id, "feedback", 0),
        (answered.id, "feedback", 3),
    ]

    with time_machine.travel(_at(2026, 4, 20), tick=False):
        followup.record_feedback(session, answered, alma)
    session.commit()
    # judged by what was done by then: late as of the 15th, not as of the 20th
    assert (answered.id, "feedback", 6) in _late(session, date(2026, 4, 15))
    assert all(item[0] == silent.id for item in _late(session, date(2026, 4, 20)))


def test_wb_12_a_day_before_a_late_acknowledgement_is_judged_without_it(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    report = _submit(session, staff, kdf, _at(2026, 1, 5))
    with time_machine.travel(_at(2026, 4, 20), tick=False):
        followup.move_report(session, report, R.ACKNOWLEDGED, staff["alma"].user, SETTINGS)
    session.commit()
    assert report.feedback_due == _at(2026, 7, 20)
    # on 13 April nothing was acknowledged: feedback was due 3 months after day 7
    assert _late(session, date(2026, 4, 13)) == [
        (report.id, "acknowledgement", 91),
        (report.id, "feedback", 1),
    ]
    assert _late(session, date(2026, 4, 20)) == []


def test_wb_12_an_extension_needs_a_reason_and_stops_at_six_months(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma = staff["alma"].user
    report = _submit(session, staff, kdf, _at(2026, 1, 5))
    with time_machine.travel(_at(2026, 1, 8), tick=False):
        followup.move_report(session, report, R.ACKNOWLEDGED, alma, SETTINGS)
    with pytest.raises(InputError, match="needs a reason"):
        followup.extend(session, report, _at(2026, 6, 1), " ", alma)
    with pytest.raises(InputError, match="on or before 2026-07-08"):
        followup.extend(session, report, _at(2026, 7, 9), "complex case", alma)
    with pytest.raises(InputError, match="after 2026-04-08"):
        followup.extend(session, report, _at(2026, 4, 1), "complex case", alma)
    followup.extend(session, report, _at(2026, 7, 8), "complex case", alma)
    session.commit()
    assert (report.extended_to, report.extension_reason) == (_at(2026, 7, 8), "complex case")
    assert _late(session, date(2026, 5, 1)) == []  # the old deadline no longer counts
    assert _late(session, date(2026, 7, 8)) == [(report.id, "feedback", 0)]
    assert session.scalars(
        select(AuditEntry.action).where(AuditEntry.action == "report.extended")
    ).all()


def test_wb_13_a_report_moves_only_along_the_workflow(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma = staff["alma"].user
    report = _submit(session, staff, kdf, _at(2026, 2, 2))
    with pytest.raises(IllegalTransition, match="cannot go from received to investigating"):
        followup.move_report(session, report, R.INVESTIGATING, alma, SETTINGS)
    with pytest.raises(InputError, match="acknowledge it before"):
        followup.record_feedback(session, report, alma)
    for target in (R.ACKNOWLEDGED, R.ASSESSED, R.INVESTIGATING):
        followup.move_report(session, report, target, alma, SETTINGS)
    with pytest.raises(InputError, match="needs a reason"):
        followup.move_report(session, report, R.CONCLUDED, alma, SETTINGS)
    with time_machine.travel(_at(2026, 5, 1), tick=False):
        followup.move_report(session, report, R.CONCLUDED, alma, SETTINGS, "substantiated")
        followup.move_report(session, report, R.OUTCOME_SENT, alma, SETTINGS)
    with pytest.raises(IllegalTransition, match="none: it is final"):
        followup.move_report(session, report, R.ACKNOWLEDGED, alma, SETTINGS)
    session.commit()
    rows = session.scalars(
        select(ReportStatusChange).where(ReportStatusChange.report_id == report.id)
    ).all()
    assert [row.to_status for row in sorted(rows, key=lambda row: row.id)] == [
        R.RECEIVED, R.ACKNOWLEDGED, R.ASSESSED, R.INVESTIGATING, R.CONCLUDED, R.OUTCOME_SENT
    ]  # fmt: skip
    assert report.concluded_at == _at(2026, 5, 1)
    assert report.feedback_sent_at == _at(2026, 5, 1)  # the outcome is feedback too
    assert report.retain_until == _at(2031, 4, 30)  # 5 x 365 days after the conclusion
    assert audit.verify(session).ok
    with pytest.raises(DBAPIError):
        session.execute(text("UPDATE report_status_changes SET reason = 'x'"))
    session.rollback()


def test_wb_15_retention_runs_per_channel(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    settings = CasesSettings(retention_days=100, retention_days_by_channel={"phone": 10})
    alma = staff["alma"].user
    with time_machine.travel(_at(2026, 3, 1), tick=False):
        web = intake.submit(session, "t", Channel.WEB, "fraud", [alma], kdf).report
        phone = intake.submit(session, "t", Channel.PHONE, "fraud", [alma], kdf).report
        for report in (web, phone):
            followup.move_report(session, report, R.ACKNOWLEDGED, alma, settings)
            followup.move_report(session, report, R.INADMISSIBLE, alma, settings, "out of scope")
    assert web.retain_until == _at(2026, 6, 9)
    assert phone.retain_until == _at(2026, 3, 11)
    session.commit()
