"""Recommendation tracking: assessments (the Agency's external assessment of corruption risks,
a body's internal analysis or self-assessment, anti-corruption monitoring, audit) -> risks ->
recommendations to a body (owner, due date, priority) -> append-only action updates with
evidence -> the assessor's verification (implemented, partly, not implemented, no longer
relevant).

The body reports what it did; only the assessor (a compliance officer) decides the status, as
GAO and the European Court of Auditors do. The status of a recommendation on a day is its latest
verification on or before that day, so every figure ("66 bodies, 1,165 recommendations, 987
implemented") can be recomputed for any past date from the rows, which are only ever added.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, history
from adaldyq.cases.models import (
    ActionUpdate,
    Assessment,
    AssessmentKind,
    Level,
    Recommendation,
    Risk,
    Role,
    User,
    Verification,
    VerificationStatus,
    utcnow,
)
from adaldyq.errors import AccessDenied, InputError

V = VerificationStatus
Grouping = Literal["body", "region", "year", "category"]
Row = TypeVar("Row", Assessment, Risk, Recommendation, ActionUpdate, Verification)


@dataclass(frozen=True)
class Rates:
    """Recommendation figures as of a day: overall (`group` None) or for one group (a body, a
    region, a year or a risk category)."""

    group: str | None
    bodies: int
    recommendations: int
    implemented: int
    partly: int
    not_implemented: int
    no_longer_relevant: int
    unverified: int
    overdue: int
    median_days_to_implement: float | None

    @property
    def implementation_rate(self) -> float | None:
        """implemented / (recommendations - no longer relevant); None when nothing counts."""
        relevant = self.recommendations - self.no_longer_relevant
        return None if relevant == 0 else self.implemented / relevant


@dataclass(frozen=True)
class RiskCounts:
    """Risks found by a day and those eliminated by then."""

    found: int
    eliminated: int


def create_assessment(
    session: Session,
    kind: AssessmentKind,
    body: str,
    period_start: date,
    period_end: date,
    by: User,
    region: str | None = None,
    body_id: str | None = None,
) -> Assessment:
    """Open an assessment of one body over a period."""
    _assessor(by)
    if period_end < period_start:
        raise InputError("an assessment's period ends before it starts", field="period_end")
    assessment = Assessment(
        kind=kind,
        body=body,
        body_id=body_id,
        region=region,
        period_start=period_start,
        period_end=period_end,
        created_at=utcnow(),
        created_by=by.id,
    )
    return _logged(session, assessment, "assessment.created", by)


def add_risk(
    session: Session,
    assessment: Assessment,
    category: str,
    severity: Level,
    description: str,
    by: User,
    legal_ref: str | None = None,
) -> Risk:
    """A corruption risk the assessment found."""
    _assessor(by)
    risk = Risk(
        assessment_id=assessment.id,
        category=category,
        severity=severity,
        description=description,
        legal_ref=legal_ref,
    )
    return _logged(session, risk, "risk.added", by)


def mark_eliminated(session: Session, risk: Risk, on: date, by: User) -> None:
    """The assessor finds a risk eliminated on a day."""
    _assessor(by)
    risk.eliminated_on = on
    _logged(session, risk, "risk.eliminated", by)


def recommend(
    session: Session,
    risk: Risk,
    text: str,
    owner_body: str,
    due_date: date,
    priority: Level,
    issued_on: date,
    by: User,
) -> Recommendation:
    """Recommend a body to act on a risk, by a due date."""
    _assessor(by)
    if due_date < issued_on:
        raise InputError("a recommendation is due before it was issued", field="due_date")
    recommendation = Recommendation(
        risk_id=risk.id,
        body=text,
        owner_body=owner_body,
        due_date=due_date,
        priority=priority,
        issued_on=issued_on,
    )
    return _logged(session, recommendation, "recommendation.issued", by)


def record_action(
    session: Session,
    recommendation: Recommendation,
    reported_on: date,
    note: str,
    by: User,
    evidence: str | None = None,
) -> ActionUpdate:
    """What the body reports it did, with its evidence (a reference or a description)."""
    if reported_on < recommendation.issued_on:
        raise InputError("an action is reported before the recommendation", field="reported_on")
    update = ActionUpdate(
        recommendation_id=recommendation.id,
        reported_on=reported_on,
        note=note,
        evidence=evidence,
        recorded_at=utcnow(),
        recorded_by=by.id,
    )
    return _logged(session, update, "recommendation.action", by)


def verify(
    session: Session,
    recommendation: Recommendation,
    status: VerificationStatus,
    verified_on: date,
    by: User,
    note: str | None = None,
) -> Verification:
    """The assessor's verdict on a day; it is the status from that day on."""
    _assessor(by)
    if verified_on < recommendation.issued_on:
        raise InputError("a verification before the recommendation", field="verified_on")
    verification = Verification(
        recommendation_id=recommendation.id,
        status=status,
        verified_on=verified_on,
        verified_by=by.id,
        note=note,
        recorded_at=utcnow(),
    )
    return _logged(session, verification, f"recommendation.{status.value}", by)


def rates(session: Session, as_of: date, by: Grouping = "body") -> tuple[Rates, list[Rates]]:
    """The figures as of the end of `as_of`: overall, and per group (the body a
    recommendation is addressed to, the assessment's region, the year of issue, or the risk
    category), in order of the group's name."""
    rows = _statuses(session, as_of)
    groups: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        groups[row.group(by)].append(row)
    per_group = [_rates(name, members, as_of) for name, members in sorted(groups.items())]
    return _rates(None, rows, as_of), per_group


def risk_counts(session: Session, as_of: date) -> RiskCounts:
    """Risks of assessments whose period ended by `as_of`, and those eliminated by then."""
    found = select(func.count(Risk.id)).join(Assessment).where(Assessment.period_end <= as_of)
    eliminated = found.where(Risk.eliminated_on <= as_of)
    return RiskCounts(session.scalar(found) or 0, session.scalar(eliminated) or 0)


@dataclass(frozen=True)
class _Row:
    body: str
    region: str | None
    category: str
    issued_on: date
    due_date: date
    status: VerificationStatus | None
    verified_on: date | None

    def group(self, by: Grouping) -> str:
        if by == "year":
            return str(self.issued_on.year)
        value = {"body": self.body, "region": self.region, "category": self.category}[by]
        return value or "(none)"


def _statuses(session: Session, as_of: date) -> list[_Row]:
    """Each recommendation issued by `as_of`, with its latest verification by then (ties on
    the same day go to the one recorded last)."""
    ranked = history.latest(
        Verification.recommendation_id,
        [Verification.status, Verification.verified_on],
        [Verification.verified_on, Verification.id],
        Verification.verified_on <= as_of,
    )
    query = (
        select(
            Recommendation.owner_body,
            Assessment.region,
            Risk.category,
            Recommendation.issued_on,
            Recommendation.due_date,
            ranked.c.status,
            ranked.c.verified_on,
        )
        .join(Risk, Risk.id == Recommendation.risk_id)
        .join(Assessment, Assessment.id == Risk.assessment_id)
        .outerjoin(
            ranked,
            and_(ranked.c.recommendation_id == Recommendation.id, ranked.c.rank == 1),
        )
        .where(Recommendation.issued_on <= as_of)
    )
    return [
        _Row(body, region, category, issued, due, None if status is None else V(status), verified)
        for body, region, category, issued, due, status, verified in session.execute(query)
    ]


def _rates(group: str | None, rows: Iterable[_Row], as_of: date) -> Rates:
    rows = list(rows)
    counts = {status: sum(row.status == status for row in rows) for status in V}
    closed = {V.IMPLEMENTED, V.NO_LONGER_RELEVANT}
    days = [
        (row.verified_on - row.issued_on).days
        for row in rows
        if row.status == V.IMPLEMENTED and row.verified_on is not None
    ]
    return Rates(
        group=group,
        bodies=len({row.body for row in rows}),
        recommendations=len(rows),
        implemented=counts[V.IMPLEMENTED],
        partly=counts[V.PARTLY],
        not_implemented=counts[V.NOT_IMPLEMENTED],
        no_longer_relevant=counts[V.NO_LONGER_RELEVANT],
        unverified=sum(row.status is None for row in rows),
        overdue=sum(row.due_date < as_of and row.status not in closed for row in rows),
        median_days_to_implement=statistics.median(days) if days else None,
    )


def _assessor(user: User) -> None:
    if not user.has_role(Role.COMPLIANCE_OFFICER):
        raise AccessDenied(f"user {user.username} is not a compliance officer (assessor)")


def _logged(session: Session, row: Row, action: str, by: User) -> Row:
    session.add(row)
    session.flush()
    audit.append(session, action, by, row.__tablename__, row.id)
    return row
