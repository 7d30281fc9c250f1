"""Cases and their assignment. A case is opened from a report or from a finding of any engine
(engine, rule, subject, finding id: the finding schema of ARCHITECTURE.md), and assigned to a
handler by a seeded random draw (the seed and the eligible list are kept, so the draw can be
replayed: "automated distribution without discretion") or by hand with a reason."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from adaldyq.cases.models.base import Base, StepColumns, UtcDateTime, str_enum, utcnow


class CaseSource(enum.StrEnum):
    """Where a case came from."""

    REPORT = "report"
    FINDING = "finding"
    RETALIATION = "retaliation"  # an HR action inside a reporter's protection window
    MANUAL = "manual"


class CaseStatus(enum.StrEnum):
    """A case's state (`cases/workflow.py` holds the legal moves); reports carry the finer
    whistleblowing workflow of their own."""

    NEW = "new"
    ASSIGNED = "assigned"
    INVESTIGATING = "investigating"
    DECIDED = "decided"
    CLOSED = "closed"


class CaseOutcome(enum.StrEnum):
    """What the investigation decided; a reward needs a substantiated case."""

    SUBSTANTIATED = "substantiated"
    UNSUBSTANTIATED = "unsubstantiated"
    REFERRED = "referred"  # passed to a competent authority


class AssignmentMethod(enum.StrEnum):
    """How a handler came to a case."""

    DRAW = "draw"
    MANUAL = "manual"


class Case(Base):
    """A matter under investigation."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[CaseSource] = mapped_column(str_enum(CaseSource, "source"))
    status: Mapped[CaseStatus] = mapped_column(
        str_enum(CaseStatus, "status"), default=CaseStatus.NEW
    )
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"), index=True)
    parent_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    engine: Mapped[str | None] = mapped_column(String(40))
    rule_code: Mapped[str | None] = mapped_column(String(40))
    run_id: Mapped[str | None] = mapped_column(String(80))
    subject_type: Mapped[str | None] = mapped_column(String(40))
    subject_id: Mapped[str | None] = mapped_column(String(200))
    finding_id: Mapped[str | None] = mapped_column(String(200), index=True)
    # the finding's evidence as the engine wrote it (JSON), so the case stands on its own
    evidence: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(String(300))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[CaseOutcome | None] = mapped_column(str_enum(CaseOutcome, "outcome"))
    recovered_amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CaseStatusChange(StepColumns, Base):
    """One step of a case's workflow, with its reason; append-only (UPDATE refused)."""

    __tablename__ = "case_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_status: Mapped[CaseStatus | None] = mapped_column(str_enum(CaseStatus, "from_status"))
    to_status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus, "to_status"))


class Assignment(Base):
    """A handler on a case. A draw keeps its seed and the ordered eligible user ids (conflicted
    staff already left out), so anyone can re-run it; a manual one keeps its reason."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    method: Mapped[AssignmentMethod] = mapped_column(str_enum(AssignmentMethod, "method"))
    seed: Mapped[str | None] = mapped_column(String(100))
    eligible: Mapped[list[int] | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
