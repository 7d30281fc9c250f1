"""The case workflow, deadlines done, retention and the anonymised remains of a purged report.

Cases move new -> assigned -> investigating -> decided -> closed (`cases/workflow.py`), each
step kept in `case_status_changes` (append-only, like the report history); a case keeps the
evidence of the finding it came from, its outcome and the amount recovered (rewards). Reports
gain when feedback was sent, when the retention warning went out, and when retention purged
their content.

On SQLite the CHECK on `cases.status` changes by recreating the table (batch mode; `env.py`
turns foreign keys off meanwhile and checks them before the commit), so a populated store
migrates too.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from adaldyq.cases.migrations.versions.v0003_append_only import guard, unguard

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

NEW_STATUSES = ("new", "assigned", "investigating", "decided", "closed")
OLD_STATUSES = ("open", "investigating", "closed")
OUTCOMES = ("substantiated", "unsubstantiated", "referred")
REPORT_COLUMNS = ("feedback_sent_at", "retention_warned_at", "purged_at")


def _status_enum(values: tuple[str, ...], column: str) -> sa.Enum:
    return sa.Enum(
        *values,
        name=op.f(f"ck_case_status_changes_{column}"),
        native_enum=False,
        create_constraint=True,
        length=13,
    )


def _set_status_check(values: tuple[str, ...], renames: dict[str, str]) -> None:
    """Swap the CHECK on `cases.status`, renaming the stored values in between."""
    sqlite = op.get_context().dialect.name == "sqlite"
    if sqlite:
        with op.batch_alter_table("cases", recreate="always") as batch:
            batch.drop_constraint(op.f("ck_cases_status"), type_="check")
    else:
        op.drop_constraint(op.f("ck_cases_status"), "cases", type_="check")
    for old, new in renames.items():
        op.execute(
            sa.text("UPDATE cases SET status = :new WHERE status = :old").bindparams(
                new=new, old=old
            )
        )
    condition = sa.text("status IN ({})".format(", ".join(f"'{value}'" for value in values)))
    if sqlite:
        with op.batch_alter_table("cases", recreate="always") as batch:
            batch.create_check_constraint("status", condition)
    else:
        op.create_check_constraint("status", "cases", condition)


def upgrade() -> None:
    """Statuses, case columns, the case history (guarded), and the report columns."""
    _set_status_check(NEW_STATUSES, {"open": "new"})
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("evidence", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column(
                "outcome",
                sa.Enum(
                    *OUTCOMES,
                    name=op.f("ck_cases_outcome"),
                    native_enum=False,
                    create_constraint=True,
                    length=15,
                ),
                nullable=True,
            )
        )
        batch.add_column(sa.Column("recovered_amount", sa.Numeric(18, 2), nullable=True))
        batch.add_column(sa.Column("decided_at", sa.DateTime(), nullable=True))
    op.create_table(
        "case_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("from_status", _status_enum(NEW_STATUSES, "from_status"), nullable=True),
        sa.Column("to_status", _status_enum(NEW_STATUSES, "to_status"), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_status_changes_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["users.id"], name=op.f("fk_case_status_changes_changed_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_status_changes")),
    )
    op.create_index(
        op.f("ix_case_status_changes_case_id"), "case_status_changes", ["case_id"], unique=False
    )
    guard("case_status_changes", ("UPDATE",))
    with op.batch_alter_table("reports") as batch:
        for column in REPORT_COLUMNS:
            batch.add_column(sa.Column(column, sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Back to 0003 (new and assigned cases become open, decided ones investigating)."""
    with op.batch_alter_table("reports") as batch:
        for column in REPORT_COLUMNS:
            batch.drop_column(column)
    unguard("case_status_changes", ("UPDATE",))
    op.drop_index(op.f("ix_case_status_changes_case_id"), table_name="case_status_changes")
    op.drop_table("case_status_changes")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("decided_at")
        batch.drop_column("recovered_amount")
        batch.drop_constraint(op.f("ck_cases_outcome"), type_="check")
        batch.drop_column("outcome")
        batch.drop_column("evidence")
    renames = {"new": "open", "assigned": "open", "decided": "investigating"}
    _set_status_check(OLD_STATUSES, renames)
