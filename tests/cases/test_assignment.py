"""Assignment by a seeded, replayable draw that skips conflicted staff, or by hand with a
reason; both in the audit chain."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import assignment, audit, intake
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import AuditEntry, Case, CaseSource, Channel
from adaldyq.errors import AccessDenied, InputError
from tests.cases.conftest import Staff


def _case(session: Session, report_id: int | None = None) -> Case:
    source = CaseSource.FINDING if report_id is None else CaseSource.REPORT
    case = Case(
        source=source,
        report_id=report_id,
        title="t",
        engine="procurement",
        rule_code="R024",
        subject_type="ocid",
        subject_id="ocds-1",
        finding_id="f-1",
    )
    session.add(case)
    session.flush()
    return case


def test_pick_is_uniform_enough_and_stable() -> None:
    assert assignment.pick("seed-1", 5) == assignment.pick("seed-1", 5)
    counts = Counter(assignment.pick(f"seed-{n}", 3) for n in range(3000))
    assert set(counts) == {0, 1, 2}
    assert min(counts.values()) > 900  # 1,000 each expected


def test_a_draw_skips_conflicted_and_non_handlers_and_replays(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma, bolat = staff["alma"].user, staff["bolat"].user
    report_id = intake.submit(
        session, "t", Channel.WEB, "fraud", [alma], kdf, excluded=[bolat]
    ).report.id
    case = _case(session, report_id)
    for seed in ("a", "b", "c", "d"):
        drawn = assignment.draw(session, case, alma, seed=seed)
        assert drawn.user_id == alma.id  # bolat is excluded; dana and erlan are no handlers
        assert drawn.eligible == [alma.id]
        assert assignment.replay(drawn) == drawn.user_id

    finding_case = _case(session)
    chosen = {assignment.draw(session, finding_case, None).user_id for _ in range(20)}
    assert chosen == {alma.id, bolat.id}  # 2^-19 odds of a false failure
    session.commit()
    rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "case.assigned")).all()
    assert len(rows) == 24
    assert '"seed":"a"' in rows[0].details
    assert audit.verify(session).ok


def test_by_hand_needs_a_reason_and_respects_conflicts(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma, bolat, dana = staff["alma"].user, staff["bolat"].user, staff["dana"].user
    report_id = intake.submit(
        session, "t", Channel.WEB, "fraud", [alma], kdf, excluded=[bolat]
    ).report.id
    case = _case(session, report_id)
    with pytest.raises(InputError, match="reason"):
        assignment.assign_by_hand(session, case, alma, "  ", by=dana)
    with pytest.raises(AccessDenied):
        assignment.assign_by_hand(session, case, bolat, "knows the region", by=dana)
    with pytest.raises(AccessDenied):
        assignment.assign_by_hand(session, case, dana, "custodian", by=dana)
    made = assignment.assign_by_hand(session, case, alma, "speaks Kazakh", by=dana)
    assert (made.method, made.reason, made.seed) == ("manual", "speaks Kazakh", None)
    with pytest.raises(InputError):
        assignment.replay(made)
