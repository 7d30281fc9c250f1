"""Cases and their workflow: open a case from a finding of any engine, move it new -> assigned
-> investigating -> decided -> closed, and refuse any other move.

A case opened from a finding keeps the finding's engine, rule, run, subject and evidence, so it
stands on its own when the findings store is rerun. Every move is a row of the append-only
`case_status_changes` and a row of the audit chain; deciding and closing need a reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import TypeVar

import pyarrow.compute as pc
from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import audit
from adaldyq.cases.models import (
    Assignment,
    Case,
    CaseOutcome,
    CaseSource,
    CaseStatus,
    CaseStatusChange,
    ReportStatusChange,
    User,
    utcnow,
)
from adaldyq.errors import InputError, NotFound
from adaldyq.model.findings import Finding
from adaldyq.store.catalog import Workspace
from adaldyq.store.findings import read_findings

CASE_MOVES: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.NEW: frozenset({CaseStatus.ASSIGNED, CaseStatus.CLOSED}),
    CaseStatus.ASSIGNED: frozenset({CaseStatus.INVESTIGATING, CaseStatus.CLOSED}),
    CaseStatus.INVESTIGATING: frozenset({CaseStatus.DECIDED, CaseStatus.CLOSED}),
    CaseStatus.DECIDED: frozenset({CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}
"""The legal moves of a case; closing is possible from any open state (with a reason)."""

State = TypeVar("State", bound=str)
Change = TypeVar("Change", CaseStatusChange, ReportStatusChange)
NEEDS_REASON = frozenset({CaseStatus.DECIDED, CaseStatus.CLOSED})


class IllegalTransition(InputError):
    """A move the workflow does not allow (an InputError: 422 on the web, exit 2 in the CLI)."""


def check_move(
    moves: Mapping[State, frozenset[State]], current: State, target: State, what: str
) -> None:
    """Refuse a move not in `moves`, naming the object, both states and the legal targets
    (shared by the case and the report workflows)."""
    if target not in moves[current]:
        allowed = ", ".join(sorted(moves[current])) or "none: it is final"
        raise IllegalTransition(
            f"{what}: cannot go from {current} to {target} (allowed: {allowed})"
        )


def step(
    session: Session,
    moves: Mapping[State, frozenset[State]],
    needs_reason: frozenset[State],
    current: State,
    target: State,
    by: User,
    reason: str | None,
    change: Change,
    object_type: str,
    object_id: int,
) -> Change:
    """One move of a case or a report: checked against `moves`, refused without a reason
    where one is due, written to the history (`change`, a new row naming its owner) and the
    audit chain. The caller then sets the new status and what comes with it."""
    what = f"{object_type} {object_id}"
    check_move(moves, current, target, what)
    if target in needs_reason and not (reason or "").strip():
        raise InputError(f"{what}: going to {target} needs a reason", field="reason")
    now = utcnow()
    change.from_status = current  # type: ignore[assignment]
    change.to_status = target  # type: ignore[assignment]
    change.changed_at, change.changed_by, change.reason = now, by.id, reason
    session.add(change)
    details: dict[str, audit.Scalar] = {"from": current, "to": target}
    audit.append(session, f"{object_type}.moved", by, object_type, object_id, details, at=now)
    return change


def end_of(day: date) -> datetime:
    """The first instant after `day` (UTC): "as of a day" counts everything up to its end."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


def finding_key(finding: Finding) -> str:
    """A stable id of a finding (the store has none): SHA-256 of what identifies it, so the
    same flag raised again by a later run maps to the same case."""
    parts = [
        finding.dataset,
        finding.engine,
        finding.rule_code,
        finding.subject_type,
        finding.subject_id,
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]


def load_finding(
    workspace: Workspace, engine: str, rule_code: str, subject_id: str, dataset: str | None = None
) -> Finding:
    """One finding of the findings store, by engine, rule and subject (and dataset when the
    subject is flagged in several)."""
    table = read_findings(workspace, engine)
    keep = (pc.field("rule_code") == rule_code) & (pc.field("subject_id") == subject_id)
    if dataset is not None:
        keep = keep & (pc.field("dataset") == dataset)
    rows = table.filter(keep).to_pylist()
    if not rows:
        raise NotFound(f"no {engine} finding {rule_code} on {subject_id}")
    if len(rows) > 1:
        datasets = sorted({row["dataset"] for row in rows})
        raise InputError(f"{rule_code} on {subject_id} is in several datasets: {datasets}")
    row = rows[0]
    row["evidence"] = json.loads(row["evidence"])
    return Finding(**row)


def open_from_finding(
    session: Session, finding: Finding, by: User, title: str | None = None
) -> Case:
    """Open a case on a finding; a finding that already has a case not yet closed is refused,
    so two handlers never chase the same flag."""
    key = finding_key(finding)
    existing = session.scalars(
        select(Case.id).where(Case.finding_id == key, Case.status != CaseStatus.CLOSED)
    ).first()
    if existing is not None:
        raise InputError(f"finding {finding.rule_code} on {finding.subject_id} is case {existing}")
    case = Case(
        source=CaseSource.FINDING,
        engine=finding.engine,
        rule_code=finding.rule_code,
        run_id=finding.run_id,
        subject_type=finding.subject_type,
        subject_id=finding.subject_id,
        finding_id=key,
        evidence=json.dumps(finding.evidence, sort_keys=True, ensure_ascii=False, default=str),
        title=title or f"{finding.rule_code}: {finding.explanation}"[:300],
        opened_by=by.id,
    )
    return _opened(session, case, by)


def open_case(
    session: Session,
    source: CaseSource,
    title: str,
    by: User | None,
    report_id: int | None = None,
    parent: Case | None = None,
) -> Case:
    """Open a case on a report, by hand, or as a retaliation sub-case of `parent`."""
    case = Case(
        source=source,
        title=title[:300],
        report_id=report_id,
        parent_case_id=None if parent is None else parent.id,
        opened_by=None if by is None else by.id,
    )
    return _opened(session, case, by)


def _opened(session: Session, case: Case, by: User | None) -> Case:
    case.status = CaseStatus.NEW
    case.opened_at = utcnow()
    session.add(case)
    session.flush()
    session.add(
        CaseStatusChange(case_id=case.id, to_status=CaseStatus.NEW, changed_at=case.opened_at)
    )
    details: dict[str, audit.Scalar] = {"source": case.source.value, "rule": case.rule_code}
    audit.append(session, "case.opened", by, "case", case.id, details)
    return case


def move(
    session: Session, case: Case, target: CaseStatus, by: User, reason: str | None = None
) -> CaseStatusChange:
    """Move a case one legal step. Assigned needs a current assignment; decided and closed
    need a reason (use `decide` to record the outcome)."""
    if target == CaseStatus.ASSIGNED and not _assigned(session, case):
        raise InputError(f"case {case.id} has no handler yet: assign one first")
    change = step(session, CASE_MOVES, NEEDS_REASON, case.status, target, by, reason,
                  CaseStatusChange(case_id=case.id), "case", case.id)  # fmt: skip
    case.status = target
    if target == CaseStatus.DECIDED:
        case.decided_at = change.changed_at
    if target == CaseStatus.CLOSED:
        case.closed_at = change.changed_at
    session.flush()
    return change


def decide(
    session: Session,
    case: Case,
    outcome: CaseOutcome,
    by: User,
    reason: str,
    recovered_amount: Decimal | None = None,
) -> CaseStatusChange:
    """Record what the investigation decided (and the amount recovered, which rewards use)."""
    if recovered_amount is not None and recovered_amount < 0:
        raise InputError("a recovered amount cannot be negative", field="recovered_amount")
    change = move(session, case, CaseStatus.DECIDED, by, reason)
    case.outcome = outcome
    case.recovered_amount = recovered_amount
    session.flush()
    audit.append(session, "case.decided", by, "case", case.id, {"outcome": outcome.value})
    return change


def history(session: Session, case: Case) -> list[CaseStatusChange]:
    """The case's moves, oldest first."""
    query = select(CaseStatusChange).where(CaseStatusChange.case_id == case.id)
    return list(session.scalars(query.order_by(CaseStatusChange.id)))


def _assigned(session: Session, case: Case) -> bool:
    query = select(Assignment.id).where(
        Assignment.case_id == case.id, Assignment.ended_at.is_(None)
    )
    return session.scalars(query).first() is not None
