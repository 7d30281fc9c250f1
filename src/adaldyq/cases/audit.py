"""The audit log of staff actions: append-only and tamper-evident by a hash chain.

Each row's `entry_hash` is SHA-256 over the previous row's hash and the row's own canonical
content (seq, time, actor, action, object, details as stored). Changing, reordering or deleting
a row breaks the chain at that row, and `verify` names it. Deleting the newest rows, or
rewriting the tail and re-hashing it, is caught only against an anchor: a `head()` copied out
of the database (into a report, a SIEM, a signed note) and passed back to `verify`.

Rows hold who did what to which object, never report content, identity, IP address or user
agent: details are a few short scalars, checked here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from adaldyq.cases.models import AuditEntry, User, utcnow
from adaldyq.errors import InputError

GENESIS = "0" * 64
MAX_DETAIL_LENGTH = 200
Scalar = str | int | bool | None
# Any constant: on PostgreSQL, appenders queue on this lock instead of racing for the head.
_PG_LOCK_KEY = 0x41444144


@dataclass(frozen=True)
class Anchor:
    """The chain's head as copied out of the database: the last seq and its hash."""

    seq: int
    entry_hash: str


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of `verify`: ok, or the first broken row (its seq and id) and why."""

    ok: bool
    checked: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str | None = None


def canonical_details(details: Mapping[str, Scalar] | None) -> str:
    """Details as canonical JSON; only short scalars, so no content can slip in."""
    details = dict(details or {})
    for key, value in details.items():
        if not isinstance(value, str | int | bool | type(None)):
            raise InputError("audit details take scalars only", field=key)
        if isinstance(value, str) and len(value) > MAX_DETAIL_LENGTH:
            raise InputError(f"audit detail longer than {MAX_DETAIL_LENGTH} characters", field=key)
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def compute_hash(entry: AuditEntry) -> str:
    """SHA-256 over the previous hash and the row's canonical content."""
    content = json.dumps(
        [
            entry.seq,
            entry.at.isoformat(),
            entry.actor_id,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.details,
        ],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(f"{entry.prev_hash}\n{content}".encode()).hexdigest()


def append(
    session: Session,
    action: str,
    actor: User | None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    details: Mapping[str, Scalar] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Add one row at the head of the chain, in the caller's transaction. On SQLite a
    concurrent append that read the same head fails on the unique seq and prev_hash (retry the
    transaction), so the chain never forks; PostgreSQL queues appenders on a lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    # in UTC, as stored and read back (microseconds kept on both databases), so the hash
    # computed now is the hash `verify` recomputes from the row
    entry = AuditEntry(
        seq=1 if last is None else last.seq + 1,
        at=(at or utcnow()).astimezone(UTC),
        actor_id=None if actor is None else actor.id,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        details=canonical_details(details),
        prev_hash=GENESIS if last is None else last.entry_hash,
    )
    entry.entry_hash = compute_hash(entry)
    session.add(entry)
    session.flush()
    return entry


def head(session: Session) -> Anchor | None:
    """The chain's newest row, to copy out as an anchor."""
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).first()
    return None if last is None else Anchor(last.seq, last.entry_hash)


def verify(session: Session, anchor: Anchor | None = None) -> ChainCheck:
    """Walk the chain in seq order and name the first row that breaks it; with an anchor,
    also check that the anchored row is still there, unchanged."""
    previous_hash, expected_seq, checked = GENESIS, 1, 0
    anchored = anchor is None
    rows = select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=1000)
    for entry in session.scalars(rows):
        reason = _broken(entry, expected_seq, previous_hash)
        if reason:
            return ChainCheck(False, checked, entry.seq, entry.id, reason)
        if anchor is not None and entry.seq == anchor.seq:
            if entry.entry_hash != anchor.entry_hash:
                reason = "differs from the anchor: the chain was rewritten up to here"
                return ChainCheck(False, checked, entry.seq, entry.id, reason)
            anchored = True
        previous_hash, expected_seq, checked = entry.entry_hash, expected_seq + 1, checked + 1
    if not anchored and anchor is not None:
        reason = f"the chain ends before the anchor: rows from seq {expected_seq} were deleted"
        return ChainCheck(False, checked, expected_seq, None, reason)
    return ChainCheck(True, checked)


def _broken(entry: AuditEntry, expected_seq: int, previous_hash: str) -> str | None:
    if entry.seq != expected_seq:
        return f"seq {entry.seq} where {expected_seq} was due: a row is missing or moved"
    if entry.prev_hash != previous_hash:
        return "does not follow the previous row: a row before it was changed, moved or removed"
    if compute_hash(entry) != entry.entry_hash:
        return "its content does not match its hash: the row was changed"
    return None
