"""The identity vault: custodians only, disclosure after a custodian's approval and the
reporter being told, every step in the audit chain (WB-07 groundwork)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, identity, intake, keys
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.models import AuditEntry, Channel
from adaldyq.cases.models.base import utcnow
from adaldyq.errors import AccessDenied
from tests.cases.conftest import Staff

NAME = "Aigerim S., accountant"


def test_identity_needs_a_custodian_s_approval(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma, bolat, dana = staff["alma"], staff["bolat"], staff["dana"]
    report_id = intake.submit(
        session,
        "text",
        Channel.WEB,
        "fraud",
        [alma.user, bolat.user],
        kdf,
        identity=NAME,
        custodians=[dana.user],
    ).report.id
    session.commit()
    dana_key = keys.unlock(dana.user, dana.password)
    assert identity.read_identity(session, report_id, dana.user, dana_key) == NAME
    alma_key = keys.unlock(alma.user, alma.password)
    with pytest.raises(AccessDenied):
        identity.read_identity(session, report_id, alma.user, alma_key)

    denied = identity.request_access(session, report_id, bolat.user, "witness check")
    identity.decide(session, denied, dana.user, dana_key, approve=False)
    with pytest.raises(AccessDenied):
        identity.read_identity(
            session, report_id, bolat.user, keys.unlock(bolat.user, bolat.password)
        )

    request = identity.request_access(session, report_id, alma.user, "witness protection")
    with pytest.raises(AccessDenied, match="no consent"):
        identity.decide(session, request, dana.user, dana_key, approve=True)
    identity.record_consent(session, report_id)
    with pytest.raises(AccessDenied, match="told in writing"):
        identity.decide(session, request, dana.user, dana_key, approve=True)
    with pytest.raises(AccessDenied, match="not a custodian"):
        identity.decide(
            session, request, bolat.user, keys.unlock(bolat.user, bolat.password), approve=True
        )
    request.reporter_informed_at = utcnow()
    identity.decide(session, request, dana.user, dana_key, approve=True)
    session.commit()
    assert identity.read_identity(session, report_id, alma.user, alma_key) == NAME

    actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
    assert [a for a in actions if a.startswith("identity.")] == [
        "identity.read",
        "identity.requested",
        "identity.denied",
        "identity.requested",
        "identity.approved",
        "identity.read",
    ]
    assert audit.verify(session).ok
    details = " ".join(session.scalars(select(AuditEntry.details)).all())
    assert NAME not in details


def test_an_identity_without_a_custodian_is_refused(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma = staff["alma"].user
    with pytest.raises(AccessDenied, match="custodian"):
        intake.submit(
            session, "t", Channel.WEB, "fraud", [alma], kdf, identity="someone", custodians=[alma]
        )


def test_a_law_requiring_disclosure_stands_in_for_consent(
    session: Session, staff: dict[str, Staff], kdf: KdfParams
) -> None:
    alma, dana = staff["alma"], staff["dana"]
    report_id = intake.submit(
        session,
        "text",
        Channel.WEB,
        "fraud",
        [alma.user],
        kdf,
        identity=NAME,
        custodians=[dana.user],
    ).report.id
    request = identity.request_access(
        session, report_id, alma.user, "criminal case 1234", legal_basis="CPC art. 201"
    )
    request.reporter_informed_at = utcnow()
    identity.decide(session, request, dana.user, keys.unlock(dana.user, dana.password), True)
    alma_key = keys.unlock(alma.user, alma.password)
    assert identity.read_identity(session, report_id, alma.user, alma_key) == NAME
