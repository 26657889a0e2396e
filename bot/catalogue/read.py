"""Reading the loaded catalogue from the database, as plain domain objects.

Retired entries are left out unless asked for, so the assistant never sends anyone to an
office that no longer exists.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.catalogue._rows import (
    category_from_row,
    city_from_row,
    office_from_row,
    service_from_row,
)
from bot.catalogue.models import (
    CategoryRow,
    CityRow,
    HistoryRow,
    KeywordRow,
    OfficeRow,
    ServiceOfficeRow,
    ServiceRow,
)
from bot.catalogue.types import Category, City, Office, Service

__all__ = [
    "CatalogueNotLoaded",
    "HistoryEntry",
    "get_city",
    "get_office",
    "get_service",
    "history",
    "list_categories",
    "list_offices",
    "list_services",
]


class CatalogueNotLoaded(LookupError):
    """The database holds no catalogue yet: run `python -m bot.catalogue load`."""


def _city_row(session: Session) -> CityRow:
    row = session.execute(select(CityRow).order_by(CityRow.id)).scalars().first()
    if row is None:
        raise CatalogueNotLoaded("no catalogue loaded: run `python -m bot.catalogue load`")
    return row


def get_city(session: Session) -> City:
    """The city the catalogue describes; raises CatalogueNotLoaded before the first load."""
    return city_from_row(_city_row(session))


def _source(session: Session) -> str:
    return _city_row(session).source_language


def get_office(session: Session, office_id: str, include_retired: bool = False) -> Office | None:
    row = session.get(OfficeRow, office_id)
    if row is None or (row.retired and not include_retired):
        return None
    return office_from_row(row, _source(session))


def list_offices(session: Session, kind: str | None = None,
                 include_retired: bool = False) -> list[Office]:
    """Offices in id order, optionally of one kind (e.g. "police", "advice")."""
    query = select(OfficeRow).order_by(OfficeRow.id)
    if kind is not None:
        query = query.where(OfficeRow.kind == kind)
    if not include_retired:
        query = query.where(OfficeRow.retired.is_(False))
    source = _source(session)
    return [office_from_row(row, source) for row in session.execute(query).scalars()]


def list_categories(session: Session, include_retired: bool = False) -> list[Category]:
    query = select(CategoryRow).order_by(CategoryRow.position, CategoryRow.id)
    if not include_retired:
        query = query.where(CategoryRow.retired.is_(False))
    source = _source(session)
    return [category_from_row(row, source) for row in session.execute(query).scalars()]


def _services(session: Session, rows: list[ServiceRow]) -> list[Service]:
    ids = [row.id for row in rows]
    if not ids:
        return []
    offices: dict[str, list[str]] = defaultdict(list)
    links = select(ServiceOfficeRow).where(ServiceOfficeRow.service_id.in_(ids))
    for link in session.execute(links.order_by(ServiceOfficeRow.position)).scalars():
        offices[link.service_id].append(link.office_id)
    keywords: dict[str, list[KeywordRow]] = defaultdict(list)
    terms = select(KeywordRow).where(KeywordRow.service_id.in_(ids))
    for keyword in session.execute(terms.order_by(KeywordRow.position)).scalars():
        keywords[keyword.service_id].append(keyword)
    source = _source(session)
    return [service_from_row(row, source, offices[row.id], keywords[row.id]) for row in rows]


def get_service(session: Session, service_id: str,
                include_retired: bool = False) -> Service | None:
    row = session.get(ServiceRow, service_id)
    if row is None or (row.retired and not include_retired):
        return None
    return _services(session, [row])[0]


def list_services(session: Session, category: str | None = None,
                  include_retired: bool = False) -> list[Service]:
    """Services in catalogue order, optionally of one category."""
    query = select(ServiceRow).order_by(ServiceRow.position, ServiceRow.id)
    if category is not None:
        query = query.where(ServiceRow.category_id == category)
    if not include_retired:
        query = query.where(ServiceRow.retired.is_(False))
    return _services(session, list(session.execute(query).scalars()))


@dataclass(frozen=True)
class HistoryEntry:
    action: str  # created, updated, retired or restored
    changed_at: datetime
    previous: dict[str, Any] | None
    current: dict[str, Any] | None


def history(session: Session, entity_kind: str, entity_id: str) -> list[HistoryEntry]:
    """Every recorded change to one entry (kind: city, category, office, service), oldest first."""
    query = (
        select(HistoryRow)
        .where(HistoryRow.entity_kind == entity_kind, HistoryRow.entity_id == entity_id)
        .order_by(HistoryRow.id)
    )
    return [
        HistoryEntry(row.action, row.changed_at, row.previous, row.current)
        for row in session.execute(query).scalars()
    ]
