"""Alembic's environment for the case store, run from code (`cases/db.py: migrate`).

The engine comes in through `config.attributes`; there is no alembic.ini. SQLite needs batch
mode for ALTERs, so it is on for every migration.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from adaldyq.cases.models import Base


def run_migrations() -> None:
    """Run the migrations on the engine handed over by `cases.db`."""
    engine: Engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
