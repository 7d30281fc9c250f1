"""Alembic's environment for the case store, run from code (`cases/db.py: migrate`).

The engine comes in through `config.attributes`; there is no alembic.ini. SQLite needs batch
mode for ALTERs, so it is on for every migration. A batch ALTER recreates the table, which
SQLite refuses while other tables' rows point at it; so, as SQLite's own procedure for schema
changes says, foreign keys are off during the migrations (outside the transaction: the pragma is
a no-op inside one), checked with `foreign_key_check` before the commit, and on again after.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from adaldyq.cases.models import Base


def run_migrations() -> None:
    """Run the migrations on the engine handed over by `cases.db`."""
    engine: Engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, on=False)
        try:
            with connection.begin():
                context.configure(
                    connection=connection,
                    target_metadata=Base.metadata,
                    render_as_batch=True,
                    compare_type=True,
                )
                with context.begin_transaction():
                    context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                _sqlite_foreign_keys(connection, on=True)


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    """Set SQLite's foreign_keys pragma on the raw connection, outside any transaction."""
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


run_migrations()
