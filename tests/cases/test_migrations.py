"""The schema is made by the migrations, and it is exactly the models' schema, on both
databases; the migrations also go back down to nothing."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import DBAPIError

from adaldyq.cases.db import (
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    migrate,
    session_factory,
)
from adaldyq.cases.models import Base, Installation


def test_migrations_make_the_models_schema_and_go_down(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        assert current_revision(engine) is None
        migrate(engine)
        assert current_revision(engine) == head_revision() == "0004"
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
        with session_factory(engine)() as session:
            salts = session.scalars(select(Installation.receipt_salt)).all()
        assert len(salts) == 1
        assert len(salts[0]) == 16

        downgrade(engine, "0002")
        assert _update_refused(engine) is False  # the guards went with 0003
        migrate(engine)
        assert _update_refused(engine) is True
        downgrade(engine, "0001")
        assert current_revision(engine) == "0001"
        assert "cases" not in inspect(engine).get_table_names()
        downgrade(engine, "base")
        assert current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}

        migrate(engine)  # and up again from nothing
        assert current_revision(engine) == head_revision()
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


def test_no_column_can_hold_an_ip_address_or_a_user_agent() -> None:
    suspicious = ("ip", "addr", "agent", "host", "fingerprint", "useragent", "remote")
    columns = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.tables.values()
        for column in table.columns
        if any(part in suspicious for part in column.name.lower().split("_"))
    ]
    assert columns == []


def _update_refused(engine: Engine) -> bool:
    """Whether the database itself refuses to change a status-history row."""
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM report_status_changes"))
        connection.execute(text("DELETE FROM reports"))
        connection.execute(
            text(
                "INSERT INTO reports (id, channel, report_type, status, received_at, ack_due, "
                "feedback_due, legal_hold) VALUES (1, 'web', 't', 'received', "
                "'2026-01-01 00:00:00', '2026-01-08 00:00:00', '2026-04-08 00:00:00', false)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO report_status_changes (report_id, to_status, changed_at) "
                "VALUES (1, 'received', '2026-01-01 00:00:00')"
            )
        )
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE report_status_changes SET to_status = 'concluded'"))
    except DBAPIError:
        return True
    return False


def test_a_populated_store_takes_the_new_case_statuses(empty_url: str) -> None:
    """0004 recreates `cases` on SQLite while other tables point at it: rows survive, old
    statuses are renamed, and the new CHECK refuses an old value."""
    engine = make_engine(empty_url)
    try:
        migrate(engine, "0003")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO cases (id, source, status, title, opened_at) VALUES "
                    "(1, 'manual', 'open', 'a', '2026-01-01 00:00:00'), "
                    "(2, 'manual', 'closed', 'b', '2026-01-01 00:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO cases (id, source, status, parent_case_id, title, opened_at) "
                    "VALUES (3, 'retaliation', 'investigating', 1, 'c', '2026-01-02 00:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO users (id, username, display_name, password_hash, active, "
                    "created_at) VALUES (1, 'u', 'U', 'x', true, '2026-01-01 00:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO assignments (case_id, user_id, method, reason, assigned_at) "
                    "VALUES (1, 1, 'manual', 'r', '2026-01-01 00:00:00')"
                )
            )
        migrate(engine)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, status FROM cases ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [(1, "new"), (2, "closed"), (3, "investigating")]
        try:
            with engine.begin() as connection:
                connection.execute(text("UPDATE cases SET status = 'open' WHERE id = 1"))
            refused = False
        except DBAPIError:
            refused = True
        assert refused
        downgrade(engine, "0003")
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, status FROM cases ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [(1, "open"), (2, "closed"), (3, "investigating")]
    finally:
        engine.dispose()
