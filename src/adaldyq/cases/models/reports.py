"""Reports of the whistleblower channel and what hangs on them: the receipt, messages and
attachments, the report keys sealed per reader, the identity vault, conflicts, status history.

Nothing here holds a report's plaintext: content columns are SecretBox ciphertext under the
report's own key, and that key is stored only sealed to a reader or wrapped by the receipt.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from adaldyq.cases.models.base import Base, StepColumns, UtcDateTime, str_enum, utcnow


class Channel(enum.StrEnum):
    """How a report came in (Art. 9(2): written or oral, or in a meeting)."""

    WEB = "web"
    MAIL = "mail"
    PHONE = "phone"
    VOICE = "voice"
    MEETING = "meeting"


class ReportStatus(enum.StrEnum):
    """The workflow of WB-13; the history is kept in `report_status_changes`."""

    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    ASSESSED = "assessed"
    INADMISSIBLE = "inadmissible"
    INVESTIGATING = "investigating"
    CONCLUDED = "concluded"
    OUTCOME_SENT = "outcome_sent"


class KeyPurpose(enum.StrEnum):
    """Which secret of a report a sealed key opens."""

    CONTENT = "content"  # messages and attachments
    IDENTITY = "identity"  # the identity vault, sealed to custodians only until approval


class ConflictSource(enum.StrEnum):
    """Why a staff user is kept away from a report (WB-08)."""

    NAMED_IN_REPORT = "named_in_report"
    EXCLUDED_BY_REPORTER = "excluded_by_reporter"
    DECLARED = "declared"


class Decision(enum.StrEnum):
    """A custodian's answer to a request for a reporter's identity."""

    APPROVED = "approved"
    DENIED = "denied"


class Installation(Base):
    """One row: secrets of this installation made by the first migration. The receipt salt lets
    a receipt's Argon2id hash serve as its own lookup key (`receipts.py`)."""

    __tablename__ = "installation"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_salt: Mapped[bytes] = mapped_column(LargeBinary(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Report(Base):
    """A report: its metadata in clear (for routing, deadlines and statistics), its content
    only as ciphertext in messages and attachments. Times of the reporter are coarse."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    report_type: Mapped[str] = mapped_column(String(60))
    region: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[ReportStatus] = mapped_column(
        str_enum(ReportStatus, "status"), default=ReportStatus.RECEIVED
    )
    substatus: Mapped[str | None] = mapped_column(String(60))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    ack_due: Mapped[datetime] = mapped_column(UtcDateTime())
    feedback_due: Mapped[datetime] = mapped_column(UtcDateTime())
    extended_to: Mapped[datetime | None] = mapped_column(UtcDateTime())
    extension_reason: Mapped[str | None] = mapped_column(Text)
    feedback_sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    outcome: Mapped[str | None] = mapped_column(String(60))
    concluded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    retain_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    retention_warned_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    legal_hold: Mapped[bool] = mapped_column(default=False)
    # set when retention deleted the content: the row stays, anonymised, for statistics
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    receipt: Mapped[Receipt | None] = relationship(back_populates="report")
    messages: Mapped[list[ReportMessage]] = relationship(
        back_populates="report", order_by="ReportMessage.id"
    )


class ReportStatusChange(StepColumns, Base):
    """One step of a report's workflow, append-only (WB-13)."""

    __tablename__ = "report_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    from_status: Mapped[ReportStatus | None] = mapped_column(str_enum(ReportStatus, "from_status"))
    to_status: Mapped[ReportStatus] = mapped_column(str_enum(ReportStatus, "to_status"))


class Receipt(Base):
    """The reporter's way back: the receipt's Argon2id hash (never the receipt), and the report
    key wrapped by a key derived from the receipt, so the reporter can read the replies."""

    __tablename__ = "receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), unique=True)
    receipt_hash: Mapped[str] = mapped_column(String(200), unique=True)
    wrapped_report_key: Mapped[bytes] = mapped_column(LargeBinary)
    kdf_salt: Mapped[bytes] = mapped_column(LargeBinary(16))
    kdf_opslimit: Mapped[int]
    kdf_memlimit: Mapped[int]
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())

    report: Mapped[Report] = relationship(back_populates="receipt")


class ReportMessage(Base):
    """One message between the reporter and the handlers; the text only as ciphertext."""

    __tablename__ = "report_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    from_reporter: Mapped[bool]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)

    report: Mapped[Report] = relationship(back_populates="messages")


class Attachment(Base):
    """A file: its name, type and bytes encrypted together, so not even the name is in clear."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("report_messages.id"))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)


class SealedKey(Base):
    """A report's content or identity key sealed (SealedBox) to one staff user's public key.
    No row, no reading: revoking a reader deletes the row."""

    __tablename__ = "sealed_keys"
    __table_args__ = (UniqueConstraint("report_id", "user_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    purpose: Mapped[KeyPurpose] = mapped_column(str_enum(KeyPurpose, "purpose"))
    sealed_key: Mapped[bytes] = mapped_column(LargeBinary)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    granted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class IdentityRecord(Base):
    """The identity vault: a reporter's identity, apart from the report's content and under its
    own key, which is sealed to custodians; `consent_at` records Art. 16 consent."""

    __tablename__ = "identity_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), unique=True)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    consent_to_disclose: Mapped[bool] = mapped_column(default=False)
    consent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class IdentityRequest(Base):
    """A request to see a reporter's identity, decided by a custodian (four eyes, WB-07).
    Approval needs the reporter's consent, or a law requiring disclosure (`legal_basis`), and
    in both cases the reporter told in writing first (Art. 16)."""

    __tablename__ = "identity_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    requested_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    # the law that requires disclosure without the reporter's consent (Art. 16(2)), if any
    legal_basis: Mapped[str | None] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[Decision | None] = mapped_column(str_enum(Decision, "decision"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reporter_informed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Conflict(Base):
    """A staff user who must never see a report (named in it, excluded by the reporter, or
    self-declared); a sealed key is never granted to them."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("report_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    source: Mapped[ConflictSource] = mapped_column(str_enum(ConflictSource, "source"))
    noted_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    noted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
