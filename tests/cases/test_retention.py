"""Retention under a frozen clock (WB-15): warnings before the end, once each; deletion of a
report's content, keys and attachments after it, except under a legal hold, inside a
protection window or soon after the reporter wrote; the anonymised row stays for statistics."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, followup, identity, intake, protection, retention, stats
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import (
    Attachment,
    AuditEntry,
    Channel,
    IdentityRecord,
    Receipt,
    Report,
    ReportMessage,
    ReportStatus,
    ReportStatusChange,
    SealedKey,
)
from adaldyq.errors import AccessDenied, InputError
from adaldyq.settings import CasesSettings
from tests.cases.conftest import Staff

SETTINGS = CasesSettings(retention_days=30, retention_warning_days=7, retention_quiet_days=10)


def _at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 10, tzinfo=UTC)


def _concluded(
    session: Session, staff: dict[str, Staff], kdf: KdfParams, identity_text: str | None = None
) -> tuple[Report, str]:
    """A report with a reply and a file, concluded on 1 March 2026 (retained to 31 March)."""
    alma, dana = staff["alma"].user, staff["dana"].user
    with time_machine.travel(_at(2026, 2, 1), tick=False):
        submission = intake.submit(
            session,
            "the director takes bribes",
            Channel.WEB,
            "bribery",
            [alma],
            kdf,
            region="Almaty",
            identity=identity_text,
            custodians=[dana],
        )
        access = intake.open_by_receipt(session, submission.receipt)
        intake.attach_file(session, access.report, access.report_key, "scan.pdf", "x/y", b"%PDF")
    report = submission.report
    with time_machine.travel(_at(2026, 3, 1), tick=False):
        followup.move_report(session, report, ReportStatus.ACKNOWLEDGED, alma, SETTINGS)
        followup.move_report(session, report, ReportStatus.ASSESSED, alma, SETTINGS)
        followup.move_report(session, report, ReportStatus.CONCLUDED, alma, SETTINGS, "names X")
    session.commit()
    return report, submission.receipt


def test_wb_15_warnings_come_once_before_the_end(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    report, _ = _concluded(session, staff, kdf)
    assert report.retain_until == _at(2026, 3, 31)
    assert retention.expiring(session, date(2026, 3, 23), SETTINGS) == []
    notices = retention.expiring(session, date(2026, 3, 24), SETTINGS)
    assert [(n.report_id, n.days_left) for n in notices] == [(report.id, 7)]
    assert len(retention.warn(session, date(2026, 3, 24), SETTINGS, None)) == 1
    assert retention.warn(session, date(2026, 3, 25), SETTINGS, None) == []  # once
    report.legal_hold = True
    assert retention.expiring(session, date(2026, 3, 25), SETTINGS) == []
    session.commit()
    warned = select(func.count()).where(AuditEntry.action == "report.retention_warned")
    assert session.scalar(warned) == 1


def test_wb_15_deletion_removes_content_keys_and_files_and_keeps_the_statistics(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    report, receipt = _concluded(session, staff, kdf, identity_text="Aigerim, Ministry X")
    ciphertexts = list(session.scalars(select(ReportMessage.ciphertext)))
    ciphertexts += list(session.scalars(select(Attachment.ciphertext)))
    ciphertexts += list(session.scalars(select(IdentityRecord.ciphertext)))
    ciphertexts += list(session.scalars(select(Receipt.wrapped_report_key)))
    assert all(_on_disk(session, blob) for blob in ciphertexts if _sqlite(session))

    assert retention.due_for_deletion(session, date(2026, 3, 30), SETTINGS) == []
    with pytest.raises(InputError, match="has not ended"):
        retention.purge(session, report, date(2026, 3, 30), SETTINGS, None)
    assert retention.due_for_deletion(session, date(2026, 3, 31), SETTINGS) == [report]
    with time_machine.travel(_at(2026, 4, 1), tick=False):
        counts = retention.purge(session, report, date(2026, 3, 31), SETTINGS, None)
    session.commit()
    assert counts["report_messages"] == 1
    assert counts["attachments"] == 1
    assert counts["receipts"] == 1
    assert counts["identity_records"] == 1
    assert counts["sealed_keys"] == 2  # the handler's content key and the custodian's
    for table in (ReportMessage, Attachment, Receipt, SealedKey, IdentityRecord):
        assert session.scalar(select(func.count()).select_from(table)) == 0
    reasons = session.scalars(select(ReportStatusChange.reason)).all()
    assert len(reasons) == 4
    assert reasons == [None] * 4  # "names X" is gone; the steps stay
    with pytest.raises(AccessDenied):
        intake.open_by_receipt(session, receipt)
    if _sqlite(session):
        assert not any(_on_disk(session, blob) for blob in ciphertexts)
    assert retention.due_for_deletion(session, date(2026, 4, 5), SETTINGS) == []
    with pytest.raises(InputError, match="already purged"):
        retention.purge(session, report, date(2026, 4, 5), SETTINGS, None)

    figures = stats.compute(session, date(2026, 4, 5), threshold=1)
    assert figures.total.count == 1
    assert ("region", "Almaty", 1) in [(c.dimension, c.value, c.count) for c in figures.cells]
    assert audit.verify(session).ok
    purged = session.scalars(select(AuditEntry).where(AuditEntry.action == "report.purged")).one()
    assert '"report_messages":1' in purged.details


def test_wb_15_a_hold_a_protection_window_or_a_recent_message_keeps_the_content(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma = staff["alma"].user
    report, receipt = _concluded(session, staff, kdf, identity_text="Aigerim")
    report.legal_hold = True
    with pytest.raises(InputError, match="legal hold"):
        retention.purge(session, report, date(2026, 5, 1), SETTINGS, None)
    report.legal_hold = False

    with time_machine.travel(_at(2026, 4, 25), tick=False):
        access = intake.open_by_receipt(session, receipt)
        intake.post_message(session, access.report, access.report_key, "any news?", None)
    assert retention.due_for_deletion(session, date(2026, 5, 4), SETTINGS) == []
    with pytest.raises(InputError, match="quiet period"):
        retention.purge(session, report, date(2026, 5, 4), SETTINGS, None)
    assert retention.due_for_deletion(session, date(2026, 5, 5), SETTINGS) == [report]

    identity.record_consent(session, report.id)
    protection.register(session, report, "Ministry X", alma, SETTINGS)
    with pytest.raises(InputError, match="protection window runs to 2029-02-01"):
        retention.purge(session, report, date(2026, 5, 5), SETTINGS, None)
    assert retention.due_for_deletion(session, date(2029, 2, 2), SETTINGS) == [report]
    session.commit()


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _on_disk(session: Session, blob: bytes) -> bool:
    """Whether the bytes are anywhere in the SQLite file or its WAL, after a checkpoint."""
    session.commit()
    database = session.get_bind().url.database
    assert database is not None
    with closing(sqlite3.connect(database)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = [Path(database), Path(database + "-wal")]
    return any(blob in path.read_bytes() for path in files if path.exists())
