"""Fixtures of the case-store tests: every store test runs on SQLite and on PostgreSQL 15."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nacl.pwhash
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from adaldyq.cases import keys
from adaldyq.cases.crypto import KdfParams
from adaldyq.cases.db import make_engine, migrate, session_factory
from adaldyq.cases.models import Role, User
from tests.cases.postgres import Cluster

DATABASES = ["sqlite", "postgresql"]


@dataclass(frozen=True)
class Staff:
    """A staff user as a test knows them: with the secrets the store never keeps."""

    user: User
    password: str
    recovery_key: str


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One PostgreSQL cluster per test process (per xdist worker), removed at the end."""
    cluster = Cluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    """A database migrated once to head; each test gets a copy (faster than migrating)."""
    name = pg_cluster.create_database()
    engine = make_engine(pg_cluster.url(name))
    try:
        migrate(engine)
    finally:
        engine.dispose()
    return name


@pytest.fixture(params=DATABASES)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database, once per kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cases.sqlite'}"
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database()
    yield cluster.url(name)
    cluster.drop_database(name)


@pytest.fixture(params=DATABASES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database at the head revision, once per kind."""
    if request.param == "sqlite":
        opened = make_engine(f"sqlite:///{tmp_path / 'cases.sqlite'}")
        migrate(opened)
        yield opened
        opened.dispose()
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database(template=request.getfixturevalue("pg_template"))
    opened = make_engine(cluster.url(name))
    yield opened
    opened.dispose()
    cluster.drop_database(name)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the migrated store; the test commits what it wants kept."""
    with session_factory(engine)() as opened:
        yield opened


@pytest.fixture(scope="session")
def kdf() -> KdfParams:
    """libsodium's smallest Argon2id limits: the real derivation on the real code path, cheap
    enough for a test suite (the limits travel with each wrap; the presets are tested apart)."""
    return KdfParams(nacl.pwhash.argon2id.OPSLIMIT_MIN, nacl.pwhash.argon2id.MEMLIMIT_MIN)


@pytest.fixture
def staff(session: Session, kdf: KdfParams) -> dict[str, Staff]:
    """Two handlers, a custodian and an analyst, committed; each with password and recovery
    key at hand for the test."""
    people = {
        "alma": [Role.HANDLER],
        "bolat": [Role.HANDLER],
        "dana": [Role.CUSTODIAN],
        "erlan": [Role.ANALYST],
    }
    made = {}
    for name, roles in people.items():
        password = f"{name}-password-1"
        user, recovery_key = keys.create_user(session, name, name.title(), password, roles, kdf)
        made[name] = Staff(user, password, recovery_key)
    session.commit()
    return made


@pytest.fixture
def officers(session: Session, kdf: KdfParams) -> tuple[User, User]:
    """Two compliance officers (assessors; one proposes a reward, the other approves it)."""
    made = []
    for name in ("gulnar", "marat"):
        user, _ = keys.create_user(
            session, name, name.title(), f"{name}-password-1", [Role.COMPLIANCE_OFFICER], kdf
        )
        made.append(user)
    session.commit()
    return made[0], made[1]
