"""Reports tables: reports, their status history and the outbox of e-mails to offices.

Revision ID: 0003_reports
Revises: 0002_unanswered
Create Date: 2026-11-24

Mirrors bot/reports/models.py (docs/reports.md, "Storage"); times are naive UTC.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_reports"
down_revision: str | None = "0002_unanswered"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("office_id", sa.String(length=80), nullable=False),
        sa.Column("office_kind", sa.String(length=40), nullable=False),
        sa.Column("recipient_office_id", sa.String(length=80), nullable=False),
        sa.Column("why_key", sa.String(length=80), nullable=False),
        sa.Column("deadline_id", sa.String(length=80), nullable=True),
        sa.Column("incident_type", sa.String(length=60), nullable=False),
        sa.Column("setting", sa.String(length=60), nullable=False),
        sa.Column("district", sa.String(length=80), nullable=True),
        sa.Column("danger_now", sa.Boolean(), nullable=False),
        sa.Column("hate_motivated", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("occurred_when", sa.Text(), nullable=True),
        sa.Column("occurred_where", sa.Text(), nullable=True),
        sa.Column("people_involved", sa.Text(), nullable=True),
        sa.Column("witnesses", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("contact_consent", sa.Boolean(), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("contact_email", sa.String(length=254), nullable=True),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("on_behalf_of", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retention_until", sa.DateTime(), nullable=False),
        sa.Column("anonymised_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "contact_consent OR (contact_name IS NULL AND contact_email IS NULL "
            "AND contact_phone IS NULL)",
            name="ck_reports_contact_needs_consent",
        ),
        sa.CheckConstraint("NOT (anonymous AND contact_consent)",
                           name="ck_reports_anonymous_has_no_contact"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    op.create_index("ix_reports_recipient_office_id", "reports", ["recipient_office_id"])
    op.create_index("ix_reports_retention_until", "reports", ["retention_until"])
    op.create_table(
        "report_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_report_status_changes_report_id", "report_status_changes",
                    ["report_id"])
    op.create_table(
        "report_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("recipient_office_id", sa.String(length=80), nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_id"),
    )
    op.create_index("ix_report_outbox_due", "report_outbox", ["status", "next_attempt_at"])
    op.create_index("ix_report_outbox_report_id", "report_outbox", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_report_outbox_report_id", table_name="report_outbox")
    op.drop_index("ix_report_outbox_due", table_name="report_outbox")
    op.drop_table("report_outbox")
    op.drop_index("ix_report_status_changes_report_id", table_name="report_status_changes")
    op.drop_table("report_status_changes")
    op.drop_index("ix_reports_retention_until", table_name="reports")
    op.drop_index("ix_reports_recipient_office_id", table_name="reports")
    op.drop_table("reports")
