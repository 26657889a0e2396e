"""Web server tables: staff accounts and sessions, sign-in throttling, anonymous usage figures.

Revision ID: 0004_web
Revises: 0003_reports
Create Date: 2026-11-24

Mirrors bot/web/models.py (docs/web.md). Before this revision the web server created these
tables itself at startup; a table that already exists is therefore left as it is.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_web"
down_revision: str | None = "0003_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("web_staff_users"):
        op.create_table(
            "web_staff_users",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("name", sa.String(length=80), nullable=False),
            sa.Column("role", sa.String(length=20), nullable=False),
            sa.Column("office_id", sa.String(length=100), nullable=True),
            sa.Column("password_hash", sa.String(length=255), nullable=False),
            sa.Column("active", sa.Boolean(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("name"),
        )
    if _missing("web_staff_sessions"):
        op.create_table(
            "web_staff_sessions",
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("user_id", sa.Integer(), nullable=False),
            sa.Column("csrf_token", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("expires_at", sa.DateTime(), nullable=False),
            sa.ForeignKeyConstraint(["user_id"], ["web_staff_users.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("token_hash"),
        )
        op.create_index("ix_web_staff_sessions_user_id", "web_staff_sessions", ["user_id"])
    if _missing("web_login_throttle"):
        op.create_table(
            "web_login_throttle",
            sa.Column("name", sa.String(length=80), nullable=False),
            sa.Column("failures", sa.Integer(), nullable=False),
            sa.Column("locked_until", sa.DateTime(), nullable=True),
            sa.PrimaryKeyConstraint("name"),
        )
    if _missing("web_usage_counts"):
        op.create_table(
            "web_usage_counts",
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("language", sa.String(length=8), nullable=False),
            sa.Column("category", sa.String(length=60), nullable=False),
            sa.Column("answered", sa.Boolean(), nullable=False),
            sa.Column("count", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("day", "language", "category", "answered"),
        )
    if _missing("web_unanswered_texts"):
        op.create_table(
            "web_unanswered_texts",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("language", sa.String(length=8), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )


def downgrade() -> None:
    op.drop_table("web_unanswered_texts")
    op.drop_table("web_usage_counts")
    op.drop_table("web_login_throttle")
    op.drop_index("ix_web_staff_sessions_user_id", table_name="web_staff_sessions")
    op.drop_table("web_staff_sessions")
    op.drop_table("web_staff_users")
