"""The protection register (WB-18) and rewards (WB-19).

A register entry exists only for a reporter who disclosed their identity with consent; the
person stays in the identity vault, the entry names the employer and the window.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from adaldyq.cases.models.base import Base, UtcDateTime, str_enum, utcnow


class HrActionKind(enum.StrEnum):
    """An employer's action that, inside a protection window, may be retaliation."""

    DISMISSAL = "dismissal"
    DISCIPLINE = "discipline"
    TRANSFER = "transfer"


class RewardStatus(enum.StrEnum):
    """Where a reward stands; paying needs two approvals and the reporter's consent."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    PAID = "paid"
    REFUSED = "refused"


class ProtectionEntry(Base):
    """A protected reporter: employer and window (from the report date, 3 years by default)."""

    __tablename__ = "protection_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), unique=True)
    employer: Mapped[str] = mapped_column(String(300))
    employer_id: Mapped[str | None] = mapped_column(String(40))
    window_start: Mapped[date]
    window_end: Mapped[date]
    consent_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class HrAction(Base):
    """A notice of an HR action against a protected reporter; inside the window it opens a
    retaliation sub-case."""

    __tablename__ = "hr_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    protection_id: Mapped[int] = mapped_column(ForeignKey("protection_entries.id"), index=True)
    kind: Mapped[HrActionKind] = mapped_column(str_enum(HrActionKind, "kind"))
    action_date: Mapped[date]
    noticed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    retaliation_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))


class Reward(Base):
    """A reward for a report whose case ended in a qualifying outcome; the rule applied and its
    inputs are kept (amount in MCI and in money at the MCI of the day)."""

    __tablename__ = "rewards"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    rule: Mapped[str] = mapped_column(String(100))
    amount_mci: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[RewardStatus] = mapped_column(
        str_enum(RewardStatus, "status"), default=RewardStatus.PROPOSED
    )
    consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    proposed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    payment_ref: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


class RewardApproval(Base):
    """One of the two approvals a reward needs, by two different users."""

    __tablename__ = "reward_approvals"
    __table_args__ = (UniqueConstraint("reward_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reward_id: Mapped[int] = mapped_column(ForeignKey("rewards.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
