"""Catalogue tables, declared on the project's shared Base (bot.db).

Texts are stored as JSON objects {language: text} holding the source language and any
translations; lists of texts as JSON lists of such objects. Keywords get their own table
so search can query them by language. Nothing is deleted: entries that leave the YAML are
marked retired, and every change is kept in catalogue_history. Schema changes go through
the Alembic migrations in bot/catalogue/migrations.
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

from bot.db import Base

__all__ = [
    "CategoryRow",
    "CityRow",
    "HistoryRow",
    "KeywordRow",
    "OfficeRow",
    "ServiceOfficeRow",
    "ServiceRow",
    "UnansweredRow",
]

#: JSON everywhere, JSONB on PostgreSQL (indexable, compared by value).
Json = JSON().with_variant(JSONB(), "postgresql")
ID = String(100)


def utcnow() -> datetime:
    return datetime.now(UTC)


class _Timestamps:
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class _Retirable:
    retired = Column(Boolean, nullable=False, default=False)
    retired_at = Column(DateTime(timezone=True), nullable=True)


class CityRow(_Timestamps, Base):
    __tablename__ = "catalogue_city"

    id = Column(ID, primary_key=True)
    name = Column(Json, nullable=False)
    fictional = Column(Boolean, nullable=False)
    source_language = Column(String(8), nullable=False)
    city_language = Column(String(8), nullable=False)
    languages = Column(Json, nullable=False)
    timezone = Column(String(64), nullable=False)
    contact_office_id = Column(ID, ForeignKey("catalogue_offices.id"), nullable=False)
    website = Column(String(500), nullable=True)


class CategoryRow(_Timestamps, _Retirable, Base):
    __tablename__ = "catalogue_categories"

    id = Column(ID, primary_key=True)
    title = Column(Json, nullable=False)
    summary = Column(Json, nullable=False)
    position = Column(Integer, nullable=False, default=0)


class OfficeRow(_Timestamps, _Retirable, Base):
    __tablename__ = "catalogue_offices"

    id = Column(ID, primary_key=True)
    kind = Column(String(40), nullable=False, index=True)
    name = Column(Json, nullable=False)
    fictional = Column(Boolean, nullable=False)
    step_free_access = Column(Boolean, nullable=False)
    languages = Column(Json, nullable=False)
    description = Column(Json, nullable=True)
    address = Column(Json, nullable=True)
    district = Column(String(200), nullable=True)
    opening_hours = Column(Json, nullable=False)
    phone = Column(String(50), nullable=True)
    email = Column(String(320), nullable=True)
    website = Column(String(500), nullable=True)


class ServiceRow(_Timestamps, _Retirable, Base):
    __tablename__ = "catalogue_services"

    id = Column(ID, primary_key=True)
    category_id = Column(ID, ForeignKey("catalogue_categories.id"), nullable=False, index=True)
    title = Column(Json, nullable=False)
    summary = Column(Json, nullable=False)
    who_can_get_it = Column(Json, nullable=False)
    how_to_apply = Column(Json, nullable=False)
    documents = Column(Json, nullable=False)
    fees = Column(Json, nullable=False)
    source_url = Column(String(500), nullable=False)
    last_reviewed = Column(Date, nullable=False)
    position = Column(Integer, nullable=False, default=0)
    #: The questions people ask about it, {language: {kind: [text, ...]}}
    #: (services_catalogue/questions/<language>.yml).
    questions = Column(Json, nullable=False, default=dict)


class ServiceOfficeRow(Base):
    """Which offices provide a service, in the order the YAML lists them."""

    __tablename__ = "catalogue_service_offices"

    service_id = Column(ID, ForeignKey("catalogue_services.id"), primary_key=True)
    office_id = Column(ID, ForeignKey("catalogue_offices.id"), primary_key=True)
    position = Column(Integer, nullable=False)


class KeywordRow(Base):
    """A word people type for a service, in one language (transliterations included)."""

    __tablename__ = "catalogue_keywords"
    __table_args__ = (
        UniqueConstraint("service_id", "language", "term", name="uq_catalogue_keywords_term"),
        Index("ix_catalogue_keywords_language_term", "language", "term"),
    )

    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ID, ForeignKey("catalogue_services.id"), nullable=False, index=True)
    language = Column(String(8), nullable=False)
    term = Column(String(200), nullable=False)
    transliteration = Column(Boolean, nullable=False, default=False)
    position = Column(Integer, nullable=False)


class HistoryRow(Base):
    """One change to a catalogue entry: created, updated, retired or restored."""

    __tablename__ = "catalogue_history"
    __table_args__ = (Index("ix_catalogue_history_entry", "entity_kind", "entity_id"),)

    id = Column(Integer, primary_key=True, autoincrement=True)
    entity_kind = Column(String(20), nullable=False)
    entity_id = Column(ID, nullable=False)
    action = Column(String(20), nullable=False)
    changed_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    previous = Column(Json, nullable=True)
    current = Column(Json, nullable=True)
    note = Column(Text, nullable=True)


class UnansweredRow(Base):
    """A question the catalogue had no answer for, kept for the catalogue's editors.

    Only what they need to find gaps: the language, the kind of question and the text with
    anything personal removed (bot/catalogue/unanswered.py); no conversation id.
    """

    __tablename__ = "catalogue_unanswered"
    __table_args__ = (Index("ix_catalogue_unanswered_asked", "language", "asked_at"),)

    id = Column(Integer, primary_key=True, autoincrement=True)
    asked_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    language = Column(String(8), nullable=False)
    question = Column(String(20), nullable=False)
    text = Column(Text, nullable=False)
