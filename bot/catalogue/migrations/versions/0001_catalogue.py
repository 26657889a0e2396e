"""Catalogue tables: city, categories, offices, services, keywords and history.

Revision ID: 0001_catalogue
Revises:
Create Date: 2026-11-23
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001_catalogue"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
ID = sa.String(length=100)


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _retirable() -> list[sa.Column]:
    return [
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "catalogue_categories",
        *_timestamps(),
        *_retirable(),
        sa.Column("id", ID, nullable=False),
        sa.Column("title", JSON, nullable=False),
        sa.Column("summary", JSON, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "catalogue_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity_kind", sa.String(length=20), nullable=False),
        sa.Column("entity_id", ID, nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("previous", JSON, nullable=True),
        sa.Column("current", JSON, nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_catalogue_history_entry", "catalogue_history",
                    ["entity_kind", "entity_id"])
    op.create_table(
        "catalogue_offices",
        *_timestamps(),
        *_retirable(),
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("name", JSON, nullable=False),
        sa.Column("fictional", sa.Boolean(), nullable=False),
        sa.Column("step_free_access", sa.Boolean(), nullable=False),
        sa.Column("languages", JSON, nullable=False),
        sa.Column("description", JSON, nullable=True),
        sa.Column("address", JSON, nullable=True),
        sa.Column("district", sa.String(length=200), nullable=True),
        sa.Column("opening_hours", JSON, nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_catalogue_offices_kind", "catalogue_offices", ["kind"])
    op.create_table(
        "catalogue_city",
        *_timestamps(),
        sa.Column("id", ID, nullable=False),
        sa.Column("name", JSON, nullable=False),
        sa.Column("fictional", sa.Boolean(), nullable=False),
        sa.Column("source_language", sa.String(length=8), nullable=False),
        sa.Column("city_language", sa.String(length=8), nullable=False),
        sa.Column("languages", JSON, nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("contact_office_id", ID, nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["contact_office_id"], ["catalogue_offices.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "catalogue_services",
        *_timestamps(),
        *_retirable(),
        sa.Column("id", ID, nullable=False),
        sa.Column("category_id", ID, nullable=False),
        sa.Column("title", JSON, nullable=False),
        sa.Column("summary", JSON, nullable=False),
        sa.Column("who_can_get_it", JSON, nullable=False),
        sa.Column("how_to_apply", JSON, nullable=False),
        sa.Column("documents", JSON, nullable=False),
        sa.Column("fees", JSON, nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("last_reviewed", sa.Date(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["catalogue_categories.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_catalogue_services_category_id", "catalogue_services", ["category_id"])
    op.create_table(
        "catalogue_keywords",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("service_id", ID, nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("transliteration", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["service_id"], ["catalogue_services.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("service_id", "language", "term", name="uq_catalogue_keywords_term"),
    )
    op.create_index("ix_catalogue_keywords_language_term", "catalogue_keywords",
                    ["language", "term"])
    op.create_index("ix_catalogue_keywords_service_id", "catalogue_keywords", ["service_id"])
    op.create_table(
        "catalogue_service_offices",
        sa.Column("service_id", ID, nullable=False),
        sa.Column("office_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["catalogue_offices.id"]),
        sa.ForeignKeyConstraint(["service_id"], ["catalogue_services.id"]),
        sa.PrimaryKeyConstraint("service_id", "office_id"),
    )


def downgrade() -> None:
    op.drop_table("catalogue_service_offices")
    op.drop_index("ix_catalogue_keywords_service_id", table_name="catalogue_keywords")
    op.drop_index("ix_catalogue_keywords_language_term", table_name="catalogue_keywords")
    op.drop_table("catalogue_keywords")
    op.drop_index("ix_catalogue_services_category_id", table_name="catalogue_services")
    op.drop_table("catalogue_services")
    op.drop_table("catalogue_city")
    op.drop_index("ix_catalogue_offices_kind", table_name="catalogue_offices")
    op.drop_table("catalogue_offices")
    op.drop_index("ix_catalogue_history_entry", table_name="catalogue_history")
    op.drop_table("catalogue_history")
    op.drop_table("catalogue_categories")
