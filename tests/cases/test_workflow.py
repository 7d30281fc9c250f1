"""Cases from findings of any engine, and the case state machine (WB-13 for cases): legal moves
only, reasons where due, every move in the append-only history and the audit chain."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from adaldyq.cases import assignment, audit, workflow
from adaldyq.cases.models import AuditEntry, CaseOutcome, CaseSource, CaseStatus
from adaldyq.errors import InputError, NotFound
from adaldyq.model.findings import Finding, findings_table
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import FindingsWriter
from tests.cases.conftest import Staff

S = CaseStatus


def _workspace(root: Path) -> Workspace:
    """A findings store with findings of two engines, one subject flagged in two datasets."""
    workspace = Workspace(root).create()
    rows = [
        ("procurement", "d1", "R024", "process", "ocds-1", {"price": 125.0, "q3": 100.0}),
        ("procurement", "d1", "R018", "process", "ocds-2", {"bids": 1}),
        ("procurement", "d2", "R018", "process", "ocds-2", {"bids": 1}),
        ("integrity", "g", "B01", "company", "kz-1", {"path": ["p1", "kz-1"]}),
    ]
    for engine in ("procurement", "integrity"):
        writer = FindingsWriter(workspace, engine)
        writer.add(
            findings_table(
                [
                    Finding(
                        run_id=f"run-{engine}", dataset=dataset, engine=engine, rule_code=code,
                        rule_version="1", subject_type=kind, subject_id=subject, ocid=None,
                        value=1.0, score=0.8, evidence=evidence, explanation=f"{code} raised",
                    )
                    for eng, dataset, code, kind, subject, evidence in rows
                    if eng == engine
                ]
            )
        )  # fmt: skip
        writer.finish({"run_id": f"run-{engine}"})
    return workspace


def test_a_case_opened_from_a_finding_keeps_its_rule_subject_and_evidence(
    session: Session, staff: dict[str, Staff], tmp_path: Path
) -> None:
    workspace = _workspace(tmp_path)
    alma = staff["alma"].user
    finding = workflow.load_finding(workspace, "integrity", "B01", "kz-1")
    case = workflow.open_from_finding(session, finding, alma)
    session.commit()
    session.expire_all()
    assert (case.source, case.status) == (CaseSource.FINDING, S.NEW)
    assert (case.engine, case.rule_code, case.run_id) == ("integrity", "B01", "run-integrity")
    assert (case.subject_type, case.subject_id) == ("company", "kz-1")
    assert json.loads(case.evidence or "") == {"path": ["p1", "kz-1"]}
    assert case.finding_id == workflow.finding_key(finding)
    assert case.title == "B01: B01 raised"

    with pytest.raises(InputError, match=f"is case {case.id}"):
        workflow.open_from_finding(session, finding, alma)  # one live case per finding
    with pytest.raises(InputError, match="several datasets"):
        workflow.load_finding(workspace, "procurement", "R018", "ocds-2")
    other = workflow.load_finding(workspace, "procurement", "R018", "ocds-2", dataset="d2")
    assert workflow.finding_key(other) != workflow.finding_key(
        workflow.load_finding(workspace, "procurement", "R018", "ocds-2", dataset="d1")
    )
    with pytest.raises(NotFound):
        workflow.load_finding(workspace, "procurement", "R024", "ocds-9")
    assert _case_actions(session) == ["case.opened"]


def test_wb_13_a_case_moves_only_along_the_workflow_with_reasons(
    session: Session, staff: dict[str, Staff], tmp_path: Path
) -> None:
    alma, bolat = staff["alma"].user, staff["bolat"].user
    finding = workflow.load_finding(_workspace(tmp_path), "procurement", "R024", "ocds-1")
    case = workflow.open_from_finding(session, finding, alma)

    with pytest.raises(workflow.IllegalTransition, match="cannot go from new to investigating"):
        workflow.move(session, case, S.INVESTIGATING, alma)
    with pytest.raises(InputError, match="assign one first"):
        workflow.move(session, case, S.ASSIGNED, alma)
    assignment.draw(session, case, alma)
    with time_machine.travel(datetime(2026, 5, 4, 9, tzinfo=UTC), tick=False):
        workflow.move(session, case, S.ASSIGNED, alma)
    workflow.move(session, case, S.INVESTIGATING, bolat)
    with pytest.raises(InputError, match="needs a reason"):
        workflow.decide(session, case, CaseOutcome.SUBSTANTIATED, bolat, " ")
    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=UTC), tick=False):
        workflow.decide(session, case, CaseOutcome.SUBSTANTIATED, bolat, "overpriced", Decimal(5))
    with pytest.raises(workflow.IllegalTransition, match="allowed: closed"):
        workflow.move(session, case, S.INVESTIGATING, bolat)
    with pytest.raises(InputError, match="needs a reason"):
        workflow.move(session, case, S.CLOSED, bolat)
    workflow.move(session, case, S.CLOSED, bolat, "referred to the prosecutor")
    with pytest.raises(workflow.IllegalTransition, match="none: it is final"):
        workflow.move(session, case, S.NEW, bolat, "reopen")
    session.commit()

    steps = [(c.from_status, c.to_status, c.reason) for c in workflow.history(session, case)]
    assert steps == [
        (None, S.NEW, None),
        (S.NEW, S.ASSIGNED, None),
        (S.ASSIGNED, S.INVESTIGATING, None),
        (S.INVESTIGATING, S.DECIDED, "overpriced"),
        (S.DECIDED, S.CLOSED, "referred to the prosecutor"),
    ]
    assert case.outcome == CaseOutcome.SUBSTANTIATED
    assert case.recovered_amount == Decimal(5)
    assert case.decided_at == datetime(2026, 6, 1, 9, tzinfo=UTC)
    assert case.closed_at is not None
    assert _case_actions(session) == ["case.opened", "case.assigned"] + ["case.moved"] * 3 + [
        "case.decided",
        "case.moved",
    ]
    assert audit.verify(session).ok
    with pytest.raises(DBAPIError):  # the history is append-only in the database itself
        session.execute(text("UPDATE case_status_changes SET reason = 'x'"))
    session.rollback()


def test_a_case_can_be_closed_from_any_open_state_but_not_decided_unassigned(
    session: Session, staff: dict[str, Staff]
) -> None:
    alma = staff["alma"].user
    case = workflow.open_case(session, CaseSource.MANUAL, "tip by phone", alma)
    with pytest.raises(workflow.IllegalTransition):
        workflow.decide(session, case, CaseOutcome.UNSUBSTANTIATED, alma, "no basis")
    workflow.move(session, case, S.CLOSED, alma, "duplicate of case 1")
    assert case.status == S.CLOSED
    session.commit()


def _case_actions(session: Session) -> list[str]:
    query = select(AuditEntry.action).where(AuditEntry.action.like("case.%"))
    return list(session.scalars(query.order_by(AuditEntry.seq)))
