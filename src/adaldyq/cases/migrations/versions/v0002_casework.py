"""Case management: cases and assignments, assessments -> risks -> recommendations -> action
updates and verifications, the protection register and rewards.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the tables (indexes and constraints named by the models' convention)."""
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "report",
                "finding",
                "retaliation",
                "manual",
                name=op.f("ck_cases_source"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "investigating",
                "closed",
                name=op.f("ck_cases_status"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("parent_case_id", sa.Integer(), nullable=True),
        sa.Column("engine", sa.String(length=40), nullable=True),
        sa.Column("rule_code", sa.String(length=40), nullable=True),
        sa.Column("run_id", sa.String(length=80), nullable=True),
        sa.Column("subject_type", sa.String(length=40), nullable=True),
        sa.Column("subject_id", sa.String(length=200), nullable=True),
        sa.Column("finding_id", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["opened_by"], ["users.id"], name=op.f("fk_cases_opened_by_users")),
        sa.ForeignKeyConstraint(
            ["parent_case_id"], ["cases.id"], name=op.f("fk_cases_parent_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_cases_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_finding_id"), ["finding_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_report_id"), ["report_id"], unique=False)

    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "draw",
                "manual",
                name=op.f("ck_assignments_method"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("seed", sa.String(length=100), nullable=True),
        sa.Column("eligible", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("assigned_at", sa.DateTime(), nullable=False),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_by"], ["users.id"], name=op.f("fk_assignments_assigned_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_assignments_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_assignments_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
    )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignments_case_id"), ["case_id"], unique=False)

    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "external",
                "internal",
                "monitoring",
                "audit",
                name=op.f("ck_assessments_kind"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("body", sa.String(length=300), nullable=False),
        sa.Column("body_id", sa.String(length=40), nullable=True),
        sa.Column("region", sa.String(length=60), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_assessments_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_assessments_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    op.create_table(
        "risks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column(
            "severity",
            sa.Enum(
                "low",
                "medium",
                "high",
                name=op.f("ck_risks_severity"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("legal_ref", sa.String(length=300), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("eliminated_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("fk_risks_assessment_id_assessments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risks")),
    )
    with op.batch_alter_table("risks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_risks_assessment_id"), ["assessment_id"], unique=False)

    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("owner_body", sa.String(length=300), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column(
            "priority",
            sa.Enum(
                "low",
                "medium",
                "high",
                name=op.f("ck_recommendations_priority"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["risk_id"], ["risks.id"], name=op.f("fk_recommendations_risk_id_risks")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendations")),
    )
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recommendations_risk_id"), ["risk_id"], unique=False)

    op.create_table(
        "action_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_action_updates_recommendation_id_recommendations"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_action_updates_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_updates")),
    )
    with op.batch_alter_table("action_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_updates_recommendation_id"), ["recommendation_id"], unique=False
        )

    op.create_table(
        "verifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "implemented",
                "partly",
                "not_implemented",
                "no_longer_relevant",
                name=op.f("ck_verifications_status"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("verified_on", sa.Date(), nullable=False),
        sa.Column("verified_by", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_verifications_recommendation_id_recommendations"),
        ),
        sa.ForeignKeyConstraint(
            ["verified_by"], ["users.id"], name=op.f("fk_verifications_verified_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verifications")),
    )
    with op.batch_alter_table("verifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_verifications_recommendation_id"), ["recommendation_id"], unique=False
        )

    op.create_table(
        "protection_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("employer", sa.String(length=300), nullable=False),
        sa.Column("employer_id", sa.String(length=40), nullable=True),
        sa.Column("window_start", sa.Date(), nullable=False),
        sa.Column("window_end", sa.Date(), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_protection_entries_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_protection_entries_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protection_entries")),
        sa.UniqueConstraint("report_id", name=op.f("uq_protection_entries_report_id")),
    )
    op.create_table(
        "hr_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("protection_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "dismissal",
                "discipline",
                "transfer",
                name=op.f("ck_hr_actions_kind"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("action_date", sa.Date(), nullable=False),
        sa.Column("noticed_at", sa.DateTime(), nullable=False),
        sa.Column("retaliation_case_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["protection_id"],
            ["protection_entries.id"],
            name=op.f("fk_hr_actions_protection_id_protection_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["retaliation_case_id"],
            ["cases.id"],
            name=op.f("fk_hr_actions_retaliation_case_id_cases"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hr_actions")),
    )
    with op.batch_alter_table("hr_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hr_actions_protection_id"), ["protection_id"], unique=False
        )

    op.create_table(
        "rewards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("rule", sa.String(length=100), nullable=False),
        sa.Column("amount_mci", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("amount", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "approved",
                "paid",
                "refused",
                name=op.f("ck_rewards_status"),
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("consent_at", sa.DateTime(), nullable=True),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("proposed_by", sa.Integer(), nullable=True),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.Column("payment_ref", sa.String(length=100), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_rewards_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["proposed_by"], ["users.id"], name=op.f("fk_rewards_proposed_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_rewards_report_id_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rewards")),
    )
    with op.batch_alter_table("rewards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rewards_report_id"), ["report_id"], unique=False)

    op.create_table(
        "reward_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reward_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reward_id"], ["rewards.id"], name=op.f("fk_reward_approvals_reward_id_rewards")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_reward_approvals_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_approvals")),
        sa.UniqueConstraint(
            "reward_id", "user_id", name=op.f("uq_reward_approvals_reward_id_user_id")
        ),
    )
    with op.batch_alter_table("reward_approvals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reward_approvals_reward_id"), ["reward_id"], unique=False
        )


def downgrade() -> None:
    """Drop the tables, dependants first (their indexes go with them)."""
    op.drop_table("reward_approvals")
    op.drop_table("rewards")
    op.drop_table("hr_actions")
    op.drop_table("protection_entries")
    op.drop_table("verifications")
    op.drop_table("action_updates")
    op.drop_table("recommendations")
    op.drop_table("risks")
    op.drop_table("assessments")
    op.drop_table("assignments")
    op.drop_table("cases")
