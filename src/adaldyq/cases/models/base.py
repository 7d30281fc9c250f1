"""The declarative base of the case store, its naming convention and shared column types.

Constraint names are fixed by a convention so that a migration written on SQLite drops and
alters the same names on PostgreSQL. Times are stored in UTC and always come back aware, on
both databases (SQLite keeps no time zone of its own).
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum, ForeignKey, MetaData, Text, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and read back aware; naive input is refused."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("case store times must be time-zone aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        stored: datetime = value
        return stored.replace(tzinfo=UTC)


def str_enum(kind: type[enum.StrEnum], column: str) -> Enum:
    """A string enum column: VARCHAR plus a CHECK constraint on both databases (no PG type, so a
    new value is a plain constraint change in a migration). The constraint is named after the
    column, as two columns of one table may share an enum."""
    return Enum(
        kind,
        name=column,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in kind),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    """Base of every case-store table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Now, aware, in UTC (the one clock of the case store, frozen in tests)."""
    return datetime.now(UTC)


class StepColumns:
    """When, by whom and why a status history row (of a report or a case) was written."""

    changed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    changed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str | None] = mapped_column(Text)
