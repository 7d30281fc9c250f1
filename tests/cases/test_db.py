"""The store's engine: URL from settings, SQLite pragmas, foreign keys on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from adaldyq.cases.db import database_url, make_engine
from adaldyq.cases.models import Conflict, ConflictSource
from adaldyq.errors import ConfigError
from adaldyq.settings import load_settings


def test_the_url_comes_from_settings(tmp_path: Path) -> None:
    settings = load_settings(workspace=tmp_path / "ws")
    assert database_url(settings) == f"sqlite:///{(tmp_path / 'ws' / 'cases.sqlite').resolve()}"
    server = "postgresql+psycopg://cases@db.internal/cases"
    assert database_url(load_settings(cases={"database_url": server})) == server
    with pytest.raises(ConfigError, match="cases"):
        load_settings(cases={"database_uri": server})
    with pytest.raises(ConfigError, match="not supported"):
        make_engine("mysql://u@h/db")


def test_sqlite_runs_with_wal_full_sync_foreign_keys_and_secure_delete(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'cases.sqlite'}")
    try:
        with engine.connect() as connection:
            pragma = {
                name: connection.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "secure_delete")
            }
        assert pragma == {
            "journal_mode": "wal",
            "synchronous": 2,
            "foreign_keys": 1,
            "secure_delete": 1,
        }
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(session: Session) -> None:
    session.add(Conflict(report_id=999, user_id=999, source=ConflictSource.DECLARED))
    with pytest.raises(IntegrityError):
        session.commit()
