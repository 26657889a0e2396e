"""Questions the catalogue could not answer (catalogue_unanswered).

Revision ID: 0002_unanswered
Revises: 0001_catalogue
Create Date: 2026-11-23
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_unanswered"
down_revision: str | None = "0001_catalogue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalogue_unanswered",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("question", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_catalogue_unanswered_asked", "catalogue_unanswered", ["language", "asked_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_catalogue_unanswered_asked", table_name="catalogue_unanswered")
    op.drop_table("catalogue_unanswered")
