"""Append-only guards in the database itself: the audit log refuses UPDATE and DELETE; status
history, action updates and verifications refuse UPDATE (their rows may still go with their
report when retention deletes it).

The guards stop the application and honest mistakes; a database owner can still drop them,
which is what the audit log's hash chain is for. On SQLite a batch (copy-and-move) migration of
a guarded table drops its triggers with the old table: such a migration must recreate them.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

# table -> the statements it refuses
GUARDED = {
    "audit_log": ("UPDATE", "DELETE"),
    "report_status_changes": ("UPDATE",),
    "action_updates": ("UPDATE",),
    "verifications": ("UPDATE",),
}
PG_FUNCTION = "adaldyq_append_only"


def upgrade() -> None:
    """Create the guards, as triggers of each dialect."""
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP; END $$"
        )
    for table, operations in GUARDED.items():
        guard(table, operations)


def downgrade() -> None:
    """Drop the guards."""
    for table, operations in GUARDED.items():
        unguard(table, operations)
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION {PG_FUNCTION}()")


def guard(table: str, operations: tuple[str, ...]) -> None:
    """Make `table` refuse `operations` (later migrations guard their own tables with it)."""
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE {' OR '.join(operations)} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
        )
        return
    for operation in operations:
        op.execute(
            f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {operation} refused'); END"
        )


def unguard(table: str, operations: tuple[str, ...]) -> None:
    """Drop the guard `guard` made."""
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        return
    for operation in operations:
        op.execute(f"DROP TRIGGER {table}_no_{operation.lower()}")
