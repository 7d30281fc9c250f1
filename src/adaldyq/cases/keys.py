"""Staff accounts and key custody in the store: who holds which report key, sealed how.

A sealed key is the only way to a report's content: no row, no reading, whatever the role.
Granting refuses conflicted staff (named in the report, excluded by the reporter, declared),
and every grant, revocation, password change and recovery is written to the audit chain.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from nacl.public import PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from adaldyq.cases import audit, crypto
from adaldyq.cases.models import Conflict, HandlerKey, KeyPurpose, Role, SealedKey, User, UserRole
from adaldyq.cases.models.base import utcnow
from adaldyq.errors import AccessDenied


def create_user(
    session: Session,
    username: str,
    display_name: str,
    password: str,
    roles: Iterable[Role],
    params: crypto.KdfParams,
    actor: User | None = None,
) -> tuple[User, str]:
    """A staff user with a password hash and a key pair; returns the recovery key, to be shown
    to the user once (it is not stored)."""
    user = User(
        username=username,
        display_name=display_name,
        password_hash=crypto.hash_password(password),
        roles=[UserRole(role=role) for role in roles],
    )
    record, recovery_key = crypto.new_key_pair(password, params)
    user.key = HandlerKey(**_columns(record))
    session.add(user)
    session.flush()
    audit.append(session, "user.created", actor, "user", user.id, {"username": username})
    return user, recovery_key


def unlock(user: User, password: str) -> PrivateKey:
    """The user's private key, opened with their password."""
    return crypto.unlock(_record(_key(user)), password)


def change_password(
    session: Session, user: User, old_password: str, new_password: str, params: crypto.KdfParams
) -> None:
    """New password: the same private key re-wrapped, so every sealed report key still opens."""
    key = _key(user)
    if not crypto.password_matches(user.password_hash, old_password):
        raise AccessDenied("wrong password")
    private_key = crypto.unlock(_record(key), old_password)
    _store(user, crypto.rewrap(_record(key), private_key, new_password, params), new_password)
    audit.append(session, "user.password_changed", user, "user", user.id)


def recover(
    session: Session, user: User, recovery_key: str, new_password: str, params: crypto.KdfParams
) -> None:
    """Forgotten password: the recovery key opens the private key, which is re-wrapped by the
    new password; without the recovery key a reset would lose every report key."""
    key = _key(user)
    private_key = crypto.recover(_record(key), recovery_key)
    _store(user, crypto.rewrap(_record(key), private_key, new_password, params), new_password)
    audit.append(session, "user.recovered", user, "user", user.id)


def is_conflicted(session: Session, report_id: int, user: User) -> bool:
    """Whether `user` is kept away from the report."""
    query = select(Conflict.id).where(Conflict.report_id == report_id, Conflict.user_id == user.id)
    return session.scalars(query).first() is not None


def grant(
    session: Session,
    report_id: int,
    purpose: KeyPurpose,
    secret_key: bytes,
    to: User,
    by: User | None,
    at: datetime | None = None,
) -> SealedKey:
    """Seal a report's key to `to`; refused for conflicted or inactive staff, and a content key
    for anyone but a handler. A grant by staff is audit-logged; one made by intake (`by` None)
    is part of the submission, not a staff action: it carries the report's coarse time `at`
    and no audit row, so neither can date the reporter more precisely."""
    if is_conflicted(session, report_id, to):
        raise AccessDenied(f"user {to.username} has a conflict with report {report_id}")
    if not to.active:
        raise AccessDenied(f"user {to.username} is not active")
    if purpose is KeyPurpose.CONTENT and not to.has_role(Role.HANDLER):
        raise AccessDenied(f"user {to.username} is not a handler")
    sealed = SealedKey(
        report_id=report_id,
        user_id=to.id,
        purpose=purpose,
        sealed_key=crypto.seal(_key(to).public_key, secret_key),
        granted_at=at or utcnow(),
        granted_by=None if by is None else by.id,
    )
    session.add(sealed)
    session.flush()
    if by is not None:
        details = {"user": to.id, "purpose": purpose.value}
        audit.append(session, "report.key_granted", by, "report", report_id, details)
    return sealed


def revoke(session: Session, report_id: int, user: User, by: User | None) -> int:
    """Delete every key of the report sealed to `user`; returns how many."""
    rows = session.scalars(
        select(SealedKey).where(SealedKey.report_id == report_id, SealedKey.user_id == user.id)
    ).all()
    for row in rows:
        session.delete(row)
    session.flush()
    audit.append(session, "report.key_revoked", by, "report", report_id, {"user": user.id})
    return len(rows)


def open_key(
    session: Session, report_id: int, purpose: KeyPurpose, user: User, private_key: PrivateKey
) -> bytes:
    """The report's key as sealed to `user`; AccessDenied without a sealed key or when a
    conflict was noted after the grant."""
    if is_conflicted(session, report_id, user):
        raise AccessDenied(f"user {user.username} has a conflict with report {report_id}")
    sealed = session.scalars(
        select(SealedKey).where(
            SealedKey.report_id == report_id,
            SealedKey.user_id == user.id,
            SealedKey.purpose == purpose,
        )
    ).first()
    if sealed is None:
        raise AccessDenied(f"user {user.username} holds no {purpose.value} key of this report")
    return crypto.unseal(private_key, sealed.sealed_key)


def _key(user: User) -> HandlerKey:
    if user.key is None:
        raise AccessDenied(f"user {user.username} has no key pair")
    return user.key


def _record(key: HandlerKey) -> crypto.KeyPairRecord:
    return crypto.KeyPairRecord(
        public_key=key.public_key,
        wrapped=crypto.SecretWrap(
            key.wrapped_private_key,
            key.kdf_salt,
            crypto.KdfParams(key.kdf_opslimit, key.kdf_memlimit),
        ),
        recovery_wrapped=key.recovery_wrapped_private_key,
    )


def _columns(record: crypto.KeyPairRecord) -> dict[str, object]:
    return {
        "public_key": record.public_key,
        "wrapped_private_key": record.wrapped.ciphertext,
        "kdf_salt": record.wrapped.salt,
        "kdf_opslimit": record.wrapped.params.opslimit,
        "kdf_memlimit": record.wrapped.params.memlimit,
        "recovery_wrapped_private_key": record.recovery_wrapped,
    }


def _store(user: User, record: crypto.KeyPairRecord, password: str) -> None:
    key = _key(user)
    for column, value in _columns(record).items():
        setattr(key, column, value)
    key.rewrapped_at = utcnow()
    user.password_hash = crypto.hash_password(password)
