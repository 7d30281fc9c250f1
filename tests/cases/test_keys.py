"""Who can read a report: only staff holding a key sealed to them, never a conflicted one;
password changes and recovery keep every sealed key valid (WB-05, WB-08 groundwork)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, crypto, intake, keys
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import (
    AuditEntry,
    Channel,
    Conflict,
    ConflictSource,
    KeyPurpose,
    Report,
    SealedKey,
)
from adaldyq.errors import AccessDenied
from tests.cases.conftest import Staff


def _read_as(session: Session, person: Staff, report_id: int, password: str | None = None) -> str:
    private_key = keys.unlock(person.user, password or person.password)
    report_key = keys.open_key(session, report_id, KeyPurpose.CONTENT, person.user, private_key)
    report = session.get_one(Report, report_id)
    return intake.read_messages(session, report, report_key)[0]


def test_only_handlers_with_a_sealed_key_read_the_report(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma, bolat = staff["alma"], staff["bolat"]
    report = intake.submit(
        session, "the mayor's cousin won", Channel.WEB, "bribery", [alma.user], kdf
    ).report
    session.commit()
    assert _read_as(session, alma, report.id) == "the mayor's cousin won"
    with pytest.raises(AccessDenied):
        _read_as(session, bolat, report.id)
    # bolat's own private key cannot open alma's sealed key either
    sealed = session.scalars(select(SealedKey).where(SealedKey.user_id == alma.user.id)).one()
    with pytest.raises(AccessDenied):
        crypto.unseal(keys.unlock(bolat.user, bolat.password), sealed.sealed_key)
    keys.revoke(session, report.id, alma.user, by=None)
    session.commit()
    with pytest.raises(AccessDenied):
        _read_as(session, alma, report.id)


def test_conflicted_handlers_get_no_key_and_cannot_open_one(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma, bolat = staff["alma"], staff["bolat"]
    submission = intake.submit(
        session, "text", Channel.WEB, "fraud", [alma.user, bolat.user], kdf, excluded=[bolat.user]
    )
    report_id = submission.report.id
    session.commit()
    holders = session.scalars(select(SealedKey.user_id).where(SealedKey.report_id == report_id))
    assert set(holders) == {alma.user.id}
    with pytest.raises(AccessDenied, match="conflict"):
        keys.grant(session, report_id, KeyPurpose.CONTENT, b"k" * 32, bolat.user, by=None)
    for role_without_content in ("dana", "erlan"):  # a custodian, an analyst
        with pytest.raises(AccessDenied, match="not a handler"):
            keys.grant(
                session,
                report_id,
                KeyPurpose.CONTENT,
                b"k" * 32,
                staff[role_without_content].user,
                by=alma.user,
            )
    # a conflict found later (alma is named in the report) shuts a key already granted
    session.add(
        Conflict(report_id=report_id, user_id=alma.user.id, source=ConflictSource.NAMED_IN_REPORT)
    )
    session.commit()
    with pytest.raises(AccessDenied, match="conflict"):
        _read_as(session, alma, report_id)


def test_password_change_and_recovery_keep_the_report_readable(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma = staff["alma"]
    report_id = intake.submit(
        session, "evidence", Channel.MAIL, "fraud", [alma.user], kdf
    ).report.id
    session.commit()
    with pytest.raises(AccessDenied):
        keys.change_password(session, alma.user, "wrong", "new-password-2", kdf)
    keys.change_password(session, alma.user, alma.password, "new-password-2", kdf)
    session.commit()
    with pytest.raises(AccessDenied):
        keys.unlock(alma.user, alma.password)
    assert _read_as(session, alma, report_id, "new-password-2") == "evidence"

    keys.recover(session, alma.user, alma.recovery_key, "after-recovery-3", kdf)
    session.commit()
    assert _read_as(session, alma, report_id, "after-recovery-3") == "evidence"
    with pytest.raises(AccessDenied):
        keys.recover(session, alma.user, staff["bolat"].recovery_key, "x", kdf)
    actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
    assert actions.count("user.password_changed") == 1
    assert actions.count("user.recovered") == 1
    assert audit.verify(session).ok
