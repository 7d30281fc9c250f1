"""The case store: an engine from settings, sessions, and migrations run from code.

SQLite (default, one file in the workspace) or PostgreSQL (several users). The schema is made
only by the Alembic migrations in `migrations/`, never by `create_all`, so a deployment and the
tests run the very same DDL. SQLite connections get WAL (readers do not block the writer),
`synchronous=FULL` (an acknowledged submission survives a crash), foreign keys, a busy timeout
and `secure_delete` (deleted content is overwritten, not left in free pages), and every
transaction begins IMMEDIATE, so concurrent writers queue instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from adaldyq.errors import ConfigError
from adaldyq.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_FILE = "cases.sqlite"
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA secure_delete=ON",
)


def database_url(settings: Settings) -> str:
    """The configured URL, or the SQLite file in the workspace."""
    if settings.cases.database_url:
        return settings.cases.database_url
    return f"sqlite:///{(settings.workspace / SQLITE_FILE).resolve()}"


def make_engine(url: str) -> Engine:
    """An engine for a SQLite or PostgreSQL URL; any other database is a ConfigError."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    if backend == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    raise ConfigError(
        f"setting cases.database_url: {backend} is not supported (sqlite, postgresql)"
    )


def engine_from_settings(settings: Settings) -> Engine:
    """The case store's engine for these settings."""
    return make_engine(database_url(settings))


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:  # noqa: ARG001
    dbapi_connection.isolation_level = None  # transactions are begun by the "begin" hook below
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _sqlite_begin_immediate(connection: Connection) -> None:
    """Every transaction takes SQLite's write lock at BEGIN, waiting up to the busy timeout.
    A deferred one that read and then wrote (an audit append reads the chain's head) would
    fail with "database is locked" when another writer got there first; SQLite has one
    writer at a time anyway, and PostgreSQL is the store for many users."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (the web layer renders them)."""
    return sessionmaker(engine, expire_on_commit=False)


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` (what `adaldyq cases migrate` runs)."""
    command.upgrade(_alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema down to `revision` (`base`: no table left)."""
    command.downgrade(_alembic_config(engine), revision)


def head_revision() -> str:
    """The newest revision of the migrations shipped with this code."""
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    if head is None:
        raise ConfigError(f"no migration found in {MIGRATIONS}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None before the first migration."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
