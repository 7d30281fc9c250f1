"""The whistleblower channel's tables: installation (with this installation's own random
receipt salt), staff, their keys, reports and everything on them, and the audit log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the tables (indexes and constraints named by the models' convention)."""
    installation = op.create_table(
        "installation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_salt", sa.LargeBinary(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation")),
    )
    # naive UTC, as the models' UtcDateTime stores it
    created = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(
        installation, [{"id": 1, "receipt_salt": secrets.token_bytes(16), "created_at": created}]
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "handler",
                "analyst",
                "custodian",
                "compliance_officer",
                "administrator",
                name=op.f("ck_user_roles_role"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_roles_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "role", name=op.f("pk_user_roles")),
    )
    op.create_table(
        "handler_keys",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("wrapped_private_key", sa.LargeBinary(), nullable=False),
        sa.Column("kdf_salt", sa.LargeBinary(length=16), nullable=False),
        sa.Column("kdf_opslimit", sa.Integer(), nullable=False),
        sa.Column("kdf_memlimit", sa.Integer(), nullable=False),
        sa.Column("recovery_wrapped_private_key", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("rewrapped_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_handler_keys_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_handler_keys")),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "web",
                "mail",
                "phone",
                "voice",
                "meeting",
                name=op.f("ck_reports_channel"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("report_type", sa.String(length=60), nullable=False),
        sa.Column("region", sa.String(length=60), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "acknowledged",
                "assessed",
                "inadmissible",
                "investigating",
                "concluded",
                "outcome_sent",
                name=op.f("ck_reports_status"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("substatus", sa.String(length=60), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("ack_due", sa.DateTime(), nullable=False),
        sa.Column("feedback_due", sa.DateTime(), nullable=False),
        sa.Column("extended_to", sa.DateTime(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=60), nullable=True),
        sa.Column("concluded_at", sa.DateTime(), nullable=True),
        sa.Column("retain_until", sa.DateTime(), nullable=True),
        sa.Column("legal_hold", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    op.create_table(
        "report_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "received",
                "acknowledged",
                "assessed",
                "inadmissible",
                "investigating",
                "concluded",
                "outcome_sent",
                name=op.f("ck_report_status_changes_from_status"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "received",
                "acknowledged",
                "assessed",
                "inadmissible",
                "investigating",
                "concluded",
                "outcome_sent",
                name=op.f("ck_report_status_changes_to_status"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["changed_by"], ["users.id"], name=op.f("fk_report_status_changes_changed_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_status_changes_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_status_changes")),
    )
    with op.batch_alter_table("report_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_status_changes_report_id"), ["report_id"], unique=False
        )

    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("receipt_hash", sa.String(length=200), nullable=False),
        sa.Column("wrapped_report_key", sa.LargeBinary(), nullable=False),
        sa.Column("kdf_salt", sa.LargeBinary(length=16), nullable=False),
        sa.Column("kdf_opslimit", sa.Integer(), nullable=False),
        sa.Column("kdf_memlimit", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_receipts_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
        sa.UniqueConstraint("receipt_hash", name=op.f("uq_receipts_receipt_hash")),
        sa.UniqueConstraint("report_id", name=op.f("uq_receipts_report_id")),
    )
    op.create_table(
        "report_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("from_reporter", sa.Boolean(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_report_messages_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_messages_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_messages")),
    )
    with op.batch_alter_table("report_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_messages_report_id"), ["report_id"], unique=False
        )

    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["report_messages.id"],
            name=op.f("fk_attachments_message_id_report_messages"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_attachments_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachments_report_id"), ["report_id"], unique=False)

    op.create_table(
        "sealed_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "content",
                "identity",
                name=op.f("ck_sealed_keys_purpose"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("sealed_key", sa.LargeBinary(), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("granted_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["granted_by"], ["users.id"], name=op.f("fk_sealed_keys_granted_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_sealed_keys_report_id_reports")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sealed_keys_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sealed_keys")),
        sa.UniqueConstraint(
            "report_id", "user_id", "purpose", name=op.f("uq_sealed_keys_report_id_user_id_purpose")
        ),
    )
    with op.batch_alter_table("sealed_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sealed_keys_report_id"), ["report_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sealed_keys_user_id"), ["user_id"], unique=False)

    op.create_table(
        "identity_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("consent_to_disclose", sa.Boolean(), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_identity_records_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_records")),
        sa.UniqueConstraint("report_id", name=op.f("uq_identity_records_report_id")),
    )
    op.create_table(
        "identity_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=True),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column(
            "decision",
            sa.Enum(
                "approved",
                "denied",
                name=op.f("ck_identity_requests_decision"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("reporter_informed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_identity_requests_decided_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_identity_requests_report_id_reports")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["users.id"], name=op.f("fk_identity_requests_requested_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_requests")),
    )
    with op.batch_alter_table("identity_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_identity_requests_report_id"), ["report_id"], unique=False
        )

    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "named_in_report",
                "excluded_by_reporter",
                "declared",
                name=op.f("ck_conflicts_source"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("noted_at", sa.DateTime(), nullable=False),
        sa.Column("noted_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["noted_by"], ["users.id"], name=op.f("fk_conflicts_noted_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_conflicts_report_id_reports")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_conflicts_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
        sa.UniqueConstraint("report_id", "user_id", name=op.f("uq_conflicts_report_id_user_id")),
    )
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflicts_report_id"), ["report_id"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=80), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=True),
        sa.Column("object_id", sa.String(length=80), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_audit_log_actor_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_audit_log_entry_hash")),
        sa.UniqueConstraint("prev_hash", name=op.f("uq_audit_log_prev_hash")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_log_seq")),
    )


def downgrade() -> None:
    """Drop the tables, dependants first (their indexes go with them)."""
    op.drop_table("audit_log")
    op.drop_table("conflicts")
    op.drop_table("identity_requests")
    op.drop_table("identity_records")
    op.drop_table("sealed_keys")
    op.drop_table("attachments")
    op.drop_table("report_messages")
    op.drop_table("receipts")
    op.drop_table("report_status_changes")
    op.drop_table("reports")
    op.drop_table("handler_keys")
    op.drop_table("user_roles")
    op.drop_table("users")
    op.drop_table("installation")
