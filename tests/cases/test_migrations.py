"""The schema is made by the migrations, and it is exactly the models' schema, on both
databases; the migrations also go back down to nothing."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from adaldyq.cases.db import current_revision, downgrade, make_engine, migrate, session_factory
from adaldyq.cases.models import Base, Installation


def test_migrations_make_the_models_schema_and_go_down(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        assert current_revision(engine) is None
        migrate(engine)
        assert current_revision(engine) == "0002"
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
        with session_factory(engine)() as session:
            salts = session.scalars(select(Installation.receipt_salt)).all()
        assert len(salts) == 1
        assert len(salts[0]) == 16

        downgrade(engine, "0001")
        assert current_revision(engine) == "0001"
        assert "cases" not in inspect(engine).get_table_names()
        downgrade(engine, "base")
        assert current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}

        migrate(engine)  # and up again from nothing
        assert current_revision(engine) == "0002"
    finally:
        engine.dispose()


def test_each_installation_gets_its_own_receipt_salt(empty_url: str, tmp_path: object) -> None:
    first = make_engine(empty_url)
    second = make_engine(f"sqlite:///{tmp_path}/other.sqlite")
    try:
        migrate(first)
        migrate(second)
        salts = []
        for engine in (first, second):
            with session_factory(engine)() as session:
                salts.append(session.scalars(select(Installation.receipt_salt)).one())
        assert salts[0] != salts[1]
    finally:
        first.dispose()
        second.dispose()
