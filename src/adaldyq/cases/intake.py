"""Intake of a report and the reporter's way back in, by receipt only (no account).

`submit` writes the report's metadata in clear and its content only encrypted: a fresh report
key encrypts the text, is sealed to each chosen handler and wrapped by a key derived from the
receipt; the receipt itself is stored only as its Argon2id hash. An identity, if given, goes to
the identity vault under a key of its own, sealed to custodians only. Times that come from the
reporter are cut to the hour, so they cannot be matched to a network log.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import crypto, deadlines, keys, receipts
from adaldyq.cases.models import (
    Attachment,
    Channel,
    Conflict,
    ConflictSource,
    IdentityRecord,
    Installation,
    KeyPurpose,
    Receipt,
    Report,
    ReportMessage,
    ReportStatus,
    ReportStatusChange,
    Role,
    User,
)
from adaldyq.cases.models.base import utcnow
from adaldyq.errors import AccessDenied, ConfigError


@dataclass(frozen=True)
class Submission:
    """A stored report and its receipt: the only time the receipt exists in clear."""

    report: Report
    receipt: str


@dataclass(frozen=True)
class ReporterAccess:
    """A reporter back in by receipt: the report and its key, for reading and answering."""

    report: Report
    report_key: bytes


def coarse(moment: datetime) -> datetime:
    """A reporter-side time cut to the hour (WB-06: no precise timing of the reporter)."""
    return moment.replace(minute=0, second=0, microsecond=0)


def submit(
    session: Session,
    text: str,
    channel: Channel,
    report_type: str,
    handlers: Sequence[User],
    params: crypto.KdfParams,
    region: str | None = None,
    identity: str | None = None,
    custodians: Sequence[User] = (),
    excluded: Sequence[User] = (),
) -> Submission:
    """Store a new report; the handlers listed (less those the reporter excluded) can read it."""
    if identity is not None and not any(user.has_role(Role.CUSTODIAN) for user in custodians):
        raise AccessDenied("an identity needs a custodian to hold its key")
    received = coarse(utcnow())
    report = Report(
        channel=channel,
        report_type=report_type,
        region=region,
        status=ReportStatus.RECEIVED,
        received_at=received,
        ack_due=deadlines.ack_due(received),
        feedback_due=deadlines.feedback_due(received, None),
    )
    session.add(report)
    session.flush()
    session.add(
        ReportStatusChange(
            report_id=report.id, to_status=ReportStatus.RECEIVED, changed_at=received
        )
    )
    for user in excluded:
        source = ConflictSource.EXCLUDED_BY_REPORTER
        session.add(
            Conflict(report_id=report.id, user_id=user.id, source=source, noted_at=received)
        )
    session.flush()
    report_key = crypto.new_key()
    receipt = receipts.new_receipt()
    session.add(_receipt_row(session, report, receipt, report_key, params, received))
    session.add(_message(report, report_key, text, None, received))
    excluded_ids = {user.id for user in excluded}
    for handler in handlers:
        if handler.id not in excluded_ids:
            keys.grant(session, report.id, KeyPurpose.CONTENT, report_key, handler, None, received)
    if identity is not None:
        _vault(session, report, identity, custodians)
    session.flush()
    return Submission(report, receipt)


def open_by_receipt(session: Session, receipt: str) -> ReporterAccess:
    """The report a receipt belongs to, and its key; a wrong receipt is AccessDenied."""
    receipt = receipts.normalise(receipt)
    digest = receipts.hash_receipt(receipt, _installation_salt(session))
    row = session.scalars(select(Receipt).where(Receipt.receipt_hash == digest)).first()
    if row is None or not receipts.receipt_matches(row.receipt_hash, receipt):
        raise AccessDenied("receipt not recognised")
    return ReporterAccess(row.report, crypto.unwrap_with_secret(_wrap(row), receipt))


def rotate_receipt(session: Session, receipt: str, params: crypto.KdfParams) -> str:
    """A new receipt for the same report (the old one stops working); shown once."""
    access = open_by_receipt(session, receipt)
    old = access.report.receipt
    if old is not None:
        session.delete(old)
        session.flush()
    fresh = receipts.new_receipt()
    now = coarse(utcnow())
    session.add(_receipt_row(session, access.report, fresh, access.report_key, params, now))
    session.flush()
    return fresh


def post_message(
    session: Session, report: Report, report_key: bytes, text: str, author: User | None
) -> ReportMessage:
    """Add a message, encrypted; `author` None means the reporter."""
    sent = coarse(utcnow()) if author is None else utcnow()
    message = _message(report, report_key, text, author, sent)
    session.add(message)
    session.flush()
    return message


def attach_file(
    session: Session,
    report: Report,
    report_key: bytes,
    filename: str,
    media_type: str,
    data: bytes,
    message: ReportMessage | None = None,
) -> Attachment:
    """Store a file encrypted, its name and media type inside the ciphertext with its bytes."""
    header = json.dumps({"filename": filename, "media_type": media_type}).encode("utf-8")
    sealed = crypto.encrypt(report_key, len(header).to_bytes(4, "big") + header + data)
    attachment = Attachment(
        report_id=report.id, message_id=None if message is None else message.id, ciphertext=sealed
    )
    session.add(attachment)
    session.flush()
    return attachment


def read_attachment(attachment: Attachment, report_key: bytes) -> tuple[str, str, bytes]:
    """A stored file's name, media type and bytes."""
    plain = crypto.decrypt(report_key, attachment.ciphertext)
    size = int.from_bytes(plain[:4], "big")
    header = json.loads(plain[4 : 4 + size])
    return header["filename"], header["media_type"], plain[4 + size :]


def read_messages(session: Session, report: Report, report_key: bytes) -> list[str]:
    """The report's messages in order, decrypted with the report key."""
    rows = session.scalars(
        select(ReportMessage).where(ReportMessage.report_id == report.id).order_by(ReportMessage.id)
    )
    return [crypto.decrypt(report_key, row.ciphertext).decode("utf-8") for row in rows]


def _message(
    report: Report, report_key: bytes, text: str, author: User | None, sent: datetime
) -> ReportMessage:
    return ReportMessage(
        report_id=report.id,
        from_reporter=author is None,
        author_id=None if author is None else author.id,
        sent_at=sent,
        ciphertext=crypto.encrypt(report_key, text.encode("utf-8")),
    )


def _receipt_row(
    session: Session,
    report: Report,
    receipt: str,
    report_key: bytes,
    params: crypto.KdfParams,
    issued: datetime,
) -> Receipt:
    wrapped = crypto.wrap_with_secret(report_key, receipt, params)
    return Receipt(
        report_id=report.id,
        receipt_hash=receipts.hash_receipt(receipt, _installation_salt(session)),
        wrapped_report_key=wrapped.ciphertext,
        kdf_salt=wrapped.salt,
        kdf_opslimit=params.opslimit,
        kdf_memlimit=params.memlimit,
        issued_at=issued,
    )


def _wrap(row: Receipt) -> crypto.SecretWrap:
    params = crypto.KdfParams(row.kdf_opslimit, row.kdf_memlimit)
    return crypto.SecretWrap(row.wrapped_report_key, row.kdf_salt, params)


def _vault(session: Session, report: Report, identity: str, custodians: Sequence[User]) -> None:
    identity_key = crypto.new_key()
    ciphertext = crypto.encrypt(identity_key, identity.encode("utf-8"))
    session.add(IdentityRecord(report_id=report.id, ciphertext=ciphertext))
    for custodian in (user for user in custodians if user.has_role(Role.CUSTODIAN)):
        keys.grant(
            session,
            report.id,
            KeyPurpose.IDENTITY,
            identity_key,
            custodian,
            None,
            report.received_at,
        )


def _installation_salt(session: Session) -> bytes:
    salt = session.scalars(select(Installation.receipt_salt).where(Installation.id == 1)).first()
    if salt is None:
        raise ConfigError("the case store has no installation row: run the migrations")
    return salt
