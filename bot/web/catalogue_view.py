"""The catalogue as the pages show it: each text with the language it is really in, so
an untranslated entry inside an Arabic page is still marked as English (or German)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from bot.catalogue import (
    CatalogueNotLoaded,
    Office,
    Service,
    Text,
    format_opening_hours,
    get_office,
    get_service,
    list_categories,
    list_services,
)
from bot.db import session_scope

__all__ = ["Shown", "office_card", "search_services", "service_page", "shown"]


@dataclass(frozen=True)
class Shown:
    text: str
    lang: str


def shown(text: Text, language: str) -> Shown:
    if text.has_translation(language):
        return Shown(text.values[language], language)
    return Shown(text.source, text.source_language)


def _office(office: Office, language: str) -> dict[str, Any]:
    return {
        "id": office.id,
        "kind": office.kind,
        "name": shown(office.name, language),
        "address": office.address.one_line() if office.address else None,
        "phone": office.phone,
        "email": office.email,
        "website": office.website,
        "hours": format_opening_hours(office, language),
    }


def office_card(engine: Engine, office_id: str, language: str) -> dict[str, Any] | None:
    """An office's public contact details for the kiosk slip, or None if unknown."""
    try:
        with session_scope(engine) as session:
            office = get_office(session, office_id)
            return _office(office, language) if office else None
    except CatalogueNotLoaded:
        return None


def _service(service: Service, offices: list[Office], language: str,
             category_titles: dict[str, Shown]) -> dict[str, Any]:
    return {
        "id": service.id,
        "category": category_titles.get(service.category, Shown(service.category, "en")),
        "title": shown(service.title, language),
        "summary": shown(service.summary, language),
        "who": shown(service.who_can_get_it, language),
        "how": [shown(step, language) for step in service.how_to_apply],
        "documents": [shown(document, language) for document in service.documents],
        "fees": shown(service.fees, language),
        "offices": [_office(office, language) for office in offices],
        "source_url": service.source_url,
        "last_reviewed": service.last_reviewed,
    }


def _categories(session: Any, language: str) -> dict[str, Shown]:
    return {category.id: shown(category.title, language) for category in list_categories(session)}


def service_page(engine: Engine, service_id: str, language: str) -> dict[str, Any] | None:
    """A service with its offices, or None (unknown, retired, or no catalogue loaded)."""
    try:
        with session_scope(engine) as session:
            service = get_service(session, service_id)
            if service is None:
                return None
            offices = [office for office_id in service.offices
                       if (office := get_office(session, office_id)) is not None]
            return _service(service, offices, language, _categories(session, language))
    except CatalogueNotLoaded:
        return None


def _matches(service: Service, words: list[str]) -> bool:
    haystack = " ".join([
        service.id, service.category, *service.title.values.values(),
        *service.summary.values.values(), *(keyword.term for keyword in service.keywords),
    ]).casefold()
    return all(word in haystack for word in words)


def search_services(engine: Engine, query: str, language: str) -> list[dict[str, Any]] | None:
    """Services whose titles, summaries or keywords (any language) hold every word of
    `query`; None when no catalogue is loaded."""
    words = query.casefold().split()
    try:
        with session_scope(engine) as session:
            services = [service for service in list_services(session) if _matches(service, words)]
            categories = _categories(session, language)
            result = []
            for service in services[:50]:
                offices = [office for office_id in service.offices
                           if (office := get_office(session, office_id)) is not None]
                result.append(_service(service, offices, language, categories))
            return result
    except CatalogueNotLoaded:
        return None
