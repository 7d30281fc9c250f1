"""Deadlines of a report under a frozen clock (WB-12 groundwork): acknowledge in 7 days,
feedback 3 months after the acknowledgement or after day 7, extension up to 6 months."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import deadlines, intake
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import Base, Channel
from tests.cases.conftest import Staff


def _at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def test_a_new_report_carries_its_deadlines_and_a_coarse_time(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    with time_machine.travel(_at(2026, 3, 10, 14, 37, 12), tick=False):
        report = intake.submit(session, "t", Channel.WEB, "fraud", [staff["alma"].user], kdf).report
        session.commit()
    session.expire_all()
    assert report.received_at == _at(2026, 3, 10, 14)  # cut to the hour
    assert report.ack_due == _at(2026, 3, 17, 14)
    assert report.feedback_due == _at(2026, 6, 17, 14)  # no acknowledgement yet: day 7 + 3 months


def test_feedback_runs_from_the_acknowledgement_when_there_is_one() -> None:
    received = _at(2026, 1, 5)
    assert deadlines.feedback_due(received, _at(2026, 1, 8)) == _at(2026, 4, 8)
    assert deadlines.feedback_due(received, None) == _at(2026, 4, 12)
    assert deadlines.latest_extension(received, _at(2026, 1, 8)) == _at(2026, 7, 8)


def test_months_end_on_the_last_day_of_a_shorter_month() -> None:
    assert deadlines.add_months(_at(2026, 11, 30), 3) == _at(2027, 2, 28)
    assert deadlines.add_months(_at(2027, 11, 30), 3) == _at(2028, 2, 29)
    assert deadlines.add_months(_at(2026, 10, 31), 2) == _at(2026, 12, 31)


def test_the_store_keeps_no_precise_time_of_the_reporter(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma, bolat, dana = staff["alma"], staff["bolat"], staff["dana"]
    moment = _at(2026, 3, 10, 14, 37, 12)
    with time_machine.travel(moment, tick=False):
        submission = intake.submit(
            session,
            "t",
            Channel.WEB,
            "fraud",
            [alma.user, bolat.user],
            kdf,
            identity="name",
            custodians=[dana.user],
            excluded=[bolat.user],
        )
        access = intake.open_by_receipt(session, submission.receipt)
        intake.post_message(session, access.report, access.report_key, "more", None)
        intake.attach_file(session, access.report, access.report_key, "a.pdf", "x/y", b"%PDF")
        intake.rotate_receipt(session, submission.receipt, kdf)
        session.commit()
    times = []
    for table in Base.metadata.sorted_tables:
        for row in session.execute(select(table)).mappings():
            times += [value for value in row.values() if isinstance(value, datetime)]
    that_day = [value for value in times if value.date() == moment.date()]
    assert len(that_day) >= 8  # report, deadlines, history, receipt, message, keys, conflict
    assert {value.replace(hour=0) for value in that_day} == {_at(2026, 3, 10)}
