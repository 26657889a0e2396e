"""Load a validated catalogue folder into the database: idempotent, all or nothing.

The folder is validated completely before the database is touched; the changes are then
written in one transaction. Loading the same files twice changes nothing. A changed entry
is updated and the change kept in catalogue_history; an entry missing from the YAML is
marked retired (never deleted) and comes back ("restored") if it reappears.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.catalogue._rows import (
    category_from_row,
    category_values,
    city_from_row,
    city_values,
    office_from_row,
    office_values,
    service_from_row,
    service_values,
)
from bot.catalogue.migrate import upgrade
from bot.catalogue.models import (
    CategoryRow,
    CityRow,
    HistoryRow,
    KeywordRow,
    OfficeRow,
    ServiceOfficeRow,
    ServiceRow,
    utcnow,
)
from bot.catalogue.types import CatalogueData, Service
from bot.catalogue.validate import load_catalogue_files
from bot.db import session_scope

__all__ = ["LoadReport", "apply_catalogue", "load_into_database"]

#: Serialises concurrent loads on PostgreSQL (an arbitrary constant: "catalogue").
_LOCK_KEY = 0x0CA7A106


@dataclass
class LoadReport:
    """What a load changed, as (kind, id) pairs; kind is city, category, office or service."""

    created: list[tuple[str, str]] = field(default_factory=list)
    updated: list[tuple[str, str]] = field(default_factory=list)
    retired: list[tuple[str, str]] = field(default_factory=list)
    restored: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def changes(self) -> int:
        return len(self.created) + len(self.updated) + len(self.retired) + len(self.restored)

    def summary(self) -> str:
        counts = ", ".join(
            f"{len(entries)} {name}"
            for name, entries in (("created", self.created), ("updated", self.updated),
                                  ("retired", self.retired), ("restored", self.restored))
        )
        return f"{self.changes} change(s): {counts}, {self.unchanged} unchanged"


class _Changes:
    def __init__(self, session: Session, report: LoadReport) -> None:
        self.session = session
        self.report = report
        self.now = utcnow()

    def record(self, action: str, kind: str, entity_id: str,
               previous: dict[str, Any] | None, current: dict[str, Any] | None) -> None:
        getattr(self.report, action).append((kind, entity_id))
        self.session.add(HistoryRow(entity_kind=kind, entity_id=entity_id, action=action,
                                    changed_at=self.now, previous=previous, current=current))


def _assign(row: Any, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(row, key, value)


def _sync(changes: _Changes, kind: str, row_type: Any, entries: list[Any],
          to_dict: Callable[[Any], dict[str, Any]], to_values: Callable[[Any], dict[str, Any]],
          from_row: Callable[[Any], Any],
          on_write: Callable[[Any, Any], None] | None = None) -> None:
    """Create, update, restore and retire rows of one table to match `entries`."""
    session = changes.session
    rows = {row.id: row for row in session.execute(select(row_type)).scalars()}
    for entry in entries:
        current = to_dict(entry)
        row = rows.pop(entry.id, None)
        if row is None:
            row = row_type(created_at=changes.now, updated_at=changes.now, retired=False)
            _assign(row, to_values(entry))
            session.add(row)
            if on_write:
                on_write(row, entry)
            changes.record("created", kind, entry.id, None, current)
            continue
        previous = to_dict(from_row(row))
        if not row.retired and previous == current:
            changes.report.unchanged += 1
            continue
        action = "restored" if row.retired else "updated"
        _assign(row, to_values(entry))
        row.retired, row.retired_at, row.updated_at = False, None, changes.now
        if on_write:
            on_write(row, entry)
        changes.record(action, kind, entry.id, previous, current)
    for row in rows.values():
        if not row.retired:
            previous = to_dict(from_row(row))
            row.retired, row.retired_at, row.updated_at = True, changes.now, changes.now
            changes.record("retired", kind, row.id, previous, None)


def _sync_city(changes: _Changes, data: CatalogueData) -> None:
    session = changes.session
    rows = list(session.execute(select(CityRow)).scalars())
    others = [row.id for row in rows if row.id != data.city.id]
    if others:
        raise ValueError(f"this database holds the catalogue of '{others[0]}', "
                         f"not '{data.city.id}'; use another DATABASE_URL")
    current = data.city.to_dict()
    if not rows:
        row = CityRow(created_at=changes.now, updated_at=changes.now)
        _assign(row, city_values(data.city))
        session.add(row)
        changes.record("created", "city", data.city.id, None, current)
        return
    row = rows[0]
    previous = city_from_row(row).to_dict()
    if previous == current:
        changes.report.unchanged += 1
        return
    _assign(row, city_values(data.city))
    row.updated_at = changes.now
    changes.record("updated", "city", data.city.id, previous, current)


def _sync_services(changes: _Changes, data: CatalogueData) -> None:
    session = changes.session
    source = data.city.source_language
    links: dict[str, list[str]] = defaultdict(list)
    for link in session.execute(select(ServiceOfficeRow).order_by(ServiceOfficeRow.position)
                                ).scalars():
        links[link.service_id].append(link.office_id)
    keywords: dict[str, list[KeywordRow]] = defaultdict(list)
    for keyword in session.execute(select(KeywordRow).order_by(KeywordRow.position)).scalars():
        keywords[keyword.service_id].append(keyword)

    def from_row(row: ServiceRow) -> Service:
        return service_from_row(row, source, links[row.id], keywords[row.id])

    def write_children(row: ServiceRow, service: Service) -> None:
        for link in session.execute(select(ServiceOfficeRow).where(
                ServiceOfficeRow.service_id == service.id)).scalars():
            session.delete(link)
        for keyword in keywords[service.id]:
            session.delete(keyword)
        session.flush()
        session.add_all(ServiceOfficeRow(service_id=service.id, office_id=office_id,
                                         position=position)
                        for position, office_id in enumerate(service.offices))
        session.add_all(KeywordRow(service_id=service.id, language=k.language, term=k.term,
                                   transliteration=k.transliteration, position=position)
                        for position, k in enumerate(service.keywords))

    positions = {service.id: position for position, service in enumerate(data.services)}

    def values(service: Service) -> dict[str, Any]:
        return {**service_values(service), "position": positions[service.id]}

    _sync(changes, "service", ServiceRow, list(data.services), Service.to_dict, values,
          from_row, on_write=write_children)


def apply_catalogue(session: Session, data: CatalogueData) -> LoadReport:
    """Make the catalogue tables match `data` within the session's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    report = LoadReport(warnings=data.warnings)
    changes = _Changes(session, report)
    source = data.city.source_language
    _sync(changes, "office", OfficeRow, list(data.offices), lambda o: o.to_dict(),
          office_values, lambda row: office_from_row(row, source))
    session.flush()
    _sync_city(changes, data)
    _sync(changes, "category", CategoryRow, list(data.categories), lambda c: c.to_dict(),
          category_values, lambda row: category_from_row(row, source))
    session.flush()
    _sync_services(changes, data)
    session.flush()
    return report


def load_into_database(folder: str | Path, engine: Engine) -> LoadReport:
    """Validate `folder`, migrate the database to head, then load the catalogue.

    Raises CatalogueError (bot.catalogue.validate) without touching the database when any
    file is invalid.
    """
    data = load_catalogue_files(folder)
    upgrade(engine)
    with session_scope(engine) as session:
        return apply_catalogue(session, data)
