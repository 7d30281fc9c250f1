"""Assessments -> risks -> recommendations -> append-only action updates and verifications.

A recommendation's status on any date is its latest verification on or before that date, so a
figure like "1,165 recommendations, 987 implemented" can be recomputed for any past day.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from adaldyq.cases.models.base import Base, UtcDateTime, str_enum, utcnow


class AssessmentKind(enum.StrEnum):
    """Who assessed: the Agency from outside, the body itself, monitoring, or an audit."""

    EXTERNAL = "external"
    INTERNAL = "internal"
    MONITORING = "monitoring"
    AUDIT = "audit"


class Level(enum.StrEnum):
    """Severity of a risk, priority of a recommendation."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class VerificationStatus(enum.StrEnum):
    """The assessor's verdict on a recommendation (not the audited body's)."""

    IMPLEMENTED = "implemented"
    PARTLY = "partly"
    NOT_IMPLEMENTED = "not_implemented"
    NO_LONGER_RELEVANT = "no_longer_relevant"


class Assessment(Base):
    """An analysis of corruption risks of one body over a period."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AssessmentKind] = mapped_column(str_enum(AssessmentKind, "kind"))
    body: Mapped[str] = mapped_column(String(300))
    body_id: Mapped[str | None] = mapped_column(String(40))
    region: Mapped[str | None] = mapped_column(String(60))
    period_start: Mapped[date]
    period_end: Mapped[date]
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Risk(Base):
    """A finding of an assessment: a corruption risk, its category and legal reference."""

    __tablename__ = "risks"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    category: Mapped[str] = mapped_column(String(100))
    severity: Mapped[Level] = mapped_column(str_enum(Level, "severity"))
    legal_ref: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    eliminated_on: Mapped[date | None]


class Recommendation(Base):
    """What a body is asked to do about a risk, by when."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    owner_body: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date]
    priority: Mapped[Level] = mapped_column(str_enum(Level, "priority"))
    issued_on: Mapped[date]


class ActionUpdate(Base):
    """What the body reports it did, with its evidence; rows are only ever added."""

    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), index=True)
    reported_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Verification(Base):
    """The assessor's verdict on a date; the latest on or before a day is the status then."""

    __tablename__ = "verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), index=True)
    status: Mapped[VerificationStatus] = mapped_column(str_enum(VerificationStatus, "status"))
    verified_on: Mapped[date]
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
