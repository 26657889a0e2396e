"""The questions people ask about each service (catalogue_services.questions).

Revision ID: 0005_questions
Revises: 0004_web
Create Date: 2026-12-07
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0005_questions"
down_revision: str | None = "0004_web"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    json = sa.JSON().with_variant(JSONB(), "postgresql")
    with op.batch_alter_table("catalogue_services") as batch:
        batch.add_column(sa.Column("questions", json, nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("catalogue_services") as batch:
        batch.drop_column("questions")
