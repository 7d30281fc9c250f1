"""The audit chain: verify passes on an honest log; any change, move or deletion of a row is
found and the row named; a rewritten or cut tail is found against an anchor (WB-16)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from itertools import pairwise

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from adaldyq.cases import audit
from adaldyq.cases.db import session_factory
from adaldyq.cases.models import AuditEntry
from adaldyq.errors import InputError

ROWS = 6


@pytest.fixture
def chain(session: Session) -> Session:
    for number in range(1, ROWS + 1):
        audit.append(session, "case.viewed", None, "case", number, {"n": number, "ok": True})
    session.commit()
    return session


def _bypass_guards(session: Session) -> None:
    """Do what a database owner could: switch off the append-only triggers (migration 0003),
    which leaves only the hash chain to tell."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL session_replication_role = replica"))
        return
    for trigger in ("audit_log_no_update", "audit_log_no_delete"):
        session.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))


def _sql(session: Session, *statements: str) -> None:
    _bypass_guards(session)
    for statement in statements:
        session.execute(text(statement))
    session.commit()


def test_an_honest_chain_verifies(chain: Session) -> None:
    check = audit.verify(chain)
    assert check.ok
    assert check.checked == ROWS
    assert audit.verify(chain, audit.head(chain)).ok


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"]
)
def test_the_database_refuses_to_change_the_log(chain: Session, statement: str) -> None:
    with pytest.raises(DBAPIError, match="append-only"):
        chain.execute(text(statement))
    chain.rollback()
    assert audit.verify(chain).checked == ROWS


TAMPERING: dict[str, tuple[list[str], int]] = {
    # what is done to the rows, and the seq of the first row that must be named
    "content": (["UPDATE audit_log SET details = replace(details, '3', '9') WHERE seq = 3"], 3),
    "actor": (["UPDATE audit_log SET action = 'case.closed' WHERE seq = 5"], 5),
    "time": (["UPDATE audit_log SET at = '2020-01-01 00:00:00' WHERE seq = 2"], 2),
    "order": (
        [
            "UPDATE audit_log SET seq = 100 WHERE seq = 2",
            "UPDATE audit_log SET seq = 2 WHERE seq = 3",
            "UPDATE audit_log SET seq = 3 WHERE seq = 100",
        ],
        2,
    ),
    "deletion": (["DELETE FROM audit_log WHERE seq = 4"], 5),
    "first row deleted": (["DELETE FROM audit_log WHERE seq = 1"], 2),
}


@pytest.mark.parametrize("how", sorted(TAMPERING))
def test_tampering_names_the_first_broken_row(chain: Session, how: str) -> None:
    statements, broken = TAMPERING[how]
    _sql(chain, *statements)
    check = audit.verify(chain)
    assert not check.ok
    assert check.broken_seq == broken
    assert check.reason


def test_a_cut_tail_is_found_against_the_anchor(chain: Session) -> None:
    anchor = audit.head(chain)
    assert anchor is not None
    _sql(chain, f"DELETE FROM audit_log WHERE seq >= {ROWS - 1}")
    assert audit.verify(chain).ok  # without an anchor a cut tail looks like a shorter log
    check = audit.verify(chain, anchor)
    assert not check.ok
    assert check.broken_seq == ROWS - 1


def test_a_rehashed_rewrite_is_found_against_the_anchor(chain: Session) -> None:
    anchor = audit.head(chain)
    assert anchor is not None
    _bypass_guards(chain)
    entries = chain.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    entries[2].details = '{"n":99,"ok":true}'  # rewrite row 3 and re-hash everything after it
    entries[2].entry_hash = audit.compute_hash(entries[2])
    for previous, entry in pairwise(entries[2:]):
        entry.prev_hash = previous.entry_hash
        entry.entry_hash = audit.compute_hash(entry)
    chain.commit()
    assert audit.verify(chain).ok  # a consistent forgery, which only an anchor exposes
    check = audit.verify(chain, anchor)
    assert not check.ok
    assert check.broken_seq == ROWS


BAD_DETAILS: dict[str, Callable[[], dict[str, object]]] = {
    "long text": lambda: {"note": "x" * 201},
    "nested": lambda: {"what": {"text": "report content"}},
    "list": lambda: {"who": [1, 2]},
}


@pytest.mark.parametrize("kind", sorted(BAD_DETAILS))
def test_details_take_short_scalars_only(session: Session, kind: str) -> None:
    with pytest.raises(InputError):
        audit.append(session, "x", None, details=BAD_DETAILS[kind]())  # type: ignore[arg-type]


def test_a_time_in_another_zone_verifies(session: Session) -> None:
    almaty = timezone(timedelta(hours=5))
    audit.append(session, "case.viewed", None, at=datetime(2026, 5, 1, 9, 30, 15, 123456, almaty))
    session.commit()
    session.expire_all()
    assert audit.verify(session).ok


def test_concurrent_appends_keep_one_chain(engine: Engine) -> None:
    factory = session_factory(engine)

    def append_many(worker: int) -> None:
        for number in range(10):
            with factory() as own:
                audit.append(own, "case.viewed", None, "case", number, {"worker": worker})
                own.commit()

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(append_many, range(3)))
    with factory() as check:
        result = audit.verify(check)
    assert result.ok
    assert result.checked == 30
