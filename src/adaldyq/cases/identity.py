"""The identity vault (WB-07): a reporter's identity is kept apart from the report, under a
key of its own sealed to custodians only. Anyone else sees it only after a custodian approves
a request with a reason (four eyes: never their own request). Approval needs the reporter's
explicit consent, or a law that requires disclosure, named in the request; either way the
reporter must have been told in writing first (Art. 16). Approval seals the identity key to
the requester. Every request, decision and reading goes into the audit chain.
"""

from __future__ import annotations

from nacl.public import PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, crypto, intake, keys
from adaldyq.cases.models import (
    Decision,
    IdentityRecord,
    IdentityRequest,
    KeyPurpose,
    Role,
    User,
)
from adaldyq.cases.models.base import utcnow
from adaldyq.errors import AccessDenied, NotFound


def record_consent(session: Session, report_id: int) -> IdentityRecord:
    """The reporter consents to disclosure of their identity (given through the receipt)."""
    record = _record(session, report_id)
    record.consent_to_disclose = True
    record.consent_at = intake.coarse(utcnow())  # a reporter's time: to the hour only
    session.flush()
    return record


def request_access(
    session: Session,
    report_id: int,
    requester: User,
    reason: str,
    legal_basis: str | None = None,
) -> IdentityRequest:
    """Ask to see a reporter's identity; nothing is disclosed until a custodian approves."""
    _record(session, report_id)
    request = IdentityRequest(
        report_id=report_id, requested_by=requester.id, reason=reason, legal_basis=legal_basis
    )
    session.add(request)
    session.flush()
    audit.append(
        session,
        "identity.requested",
        requester,
        "identity_request",
        request.id,
        {"report": report_id},
    )
    return request


def decide(
    session: Session,
    request: IdentityRequest,
    custodian: User,
    custodian_key: PrivateKey,
    approve: bool,
) -> None:
    """A custodian's decision. Approving needs consent or a legal basis, and the reporter
    informed (`reporter_informed_at`); it seals the identity key to the requester. Denying
    discloses nothing."""
    if not custodian.has_role(Role.CUSTODIAN):
        raise AccessDenied(f"user {custodian.username} is not a custodian")
    if custodian.id == request.requested_by:
        raise AccessDenied("a custodian cannot decide their own request")
    if request.decision is not None:
        raise AccessDenied(f"identity request {request.id} was already decided")
    if approve:
        if not _record(session, request.report_id).consent_to_disclose and not request.legal_basis:
            raise AccessDenied("no consent of the reporter and no law requiring disclosure")
        if request.reporter_informed_at is None:
            raise AccessDenied("the reporter must be told in writing before disclosure")
        identity_key = keys.open_key(
            session, request.report_id, KeyPurpose.IDENTITY, custodian, custodian_key
        )
        requester = session.get_one(User, request.requested_by)
        keys.grant(
            session, request.report_id, KeyPurpose.IDENTITY, identity_key, requester, custodian
        )
    request.decision = Decision.APPROVED if approve else Decision.DENIED
    request.decided_by = custodian.id
    request.decided_at = utcnow()
    session.flush()
    audit.append(
        session,
        f"identity.{request.decision.value}",
        custodian,
        "identity_request",
        request.id,
        {"report": request.report_id},
    )


def read_identity(session: Session, report_id: int, user: User, private_key: PrivateKey) -> str:
    """The identity, for a custodian or an approved requester; the reading is audit-logged."""
    record = _record(session, report_id)
    identity_key = keys.open_key(session, report_id, KeyPurpose.IDENTITY, user, private_key)
    audit.append(session, "identity.read", user, "report", report_id)
    return crypto.decrypt(identity_key, record.ciphertext).decode("utf-8")


def _record(session: Session, report_id: int) -> IdentityRecord:
    query = select(IdentityRecord).where(IdentityRecord.report_id == report_id)
    record = session.scalars(query).first()
    if record is None:
        raise NotFound(f"report {report_id} has no identity on record")
    return record
