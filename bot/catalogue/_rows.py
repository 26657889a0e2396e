"""Conversions between catalogue rows and the domain types, in both directions."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.catalogue.models import CategoryRow, CityRow, KeywordRow, OfficeRow, ServiceRow
from bot.catalogue.types import (
    Address,
    Category,
    City,
    Keyword,
    Office,
    OpeningHours,
    Service,
    Text,
    questions_from_dict,
)


def _text(values: Mapping[str, str] | None, source: str) -> Text | None:
    return Text.from_dict(values, source) if values else None


def city_from_row(row: CityRow) -> City:
    return City(
        id=row.id,
        name=Text.from_dict(row.name, row.source_language),
        fictional=row.fictional,
        source_language=row.source_language,
        city_language=row.city_language,
        languages=tuple(row.languages),
        timezone=row.timezone,
        contact_office=row.contact_office_id,
        website=row.website,
    )


def city_values(city: City) -> dict[str, Any]:
    values = city.to_dict()
    values["contact_office_id"] = values.pop("contact_office")
    return values


def category_from_row(row: CategoryRow, source: str) -> Category:
    return Category(
        id=row.id,
        title=Text.from_dict(row.title, source),
        summary=Text.from_dict(row.summary, source),
        position=row.position,
        retired=row.retired,
    )


def category_values(category: Category) -> dict[str, Any]:
    return category.to_dict()


def office_from_row(row: OfficeRow, source: str) -> Office:
    return Office(
        id=row.id,
        kind=row.kind,
        name=Text.from_dict(row.name, source),
        fictional=row.fictional,
        step_free_access=row.step_free_access,
        languages=tuple(row.languages),
        description=_text(row.description, source),
        address=Address(**row.address) if row.address else None,
        district=row.district,
        opening_hours=tuple(OpeningHours.from_dict(hours, source) for hours in row.opening_hours),
        phone=row.phone,
        email=row.email,
        website=row.website,
        retired=row.retired,
    )


def office_values(office: Office) -> dict[str, Any]:
    return office.to_dict()


def service_from_row(row: ServiceRow, source: str, office_ids: Iterable[str],
                     keywords: Iterable[KeywordRow]) -> Service:
    return Service(
        id=row.id,
        category=row.category_id,
        title=Text.from_dict(row.title, source),
        summary=Text.from_dict(row.summary, source),
        who_can_get_it=Text.from_dict(row.who_can_get_it, source),
        how_to_apply=tuple(Text.from_dict(step, source) for step in row.how_to_apply),
        documents=tuple(Text.from_dict(document, source) for document in row.documents),
        fees=Text.from_dict(row.fees, source),
        offices=tuple(office_ids),
        source_url=row.source_url,
        last_reviewed=row.last_reviewed,
        keywords=tuple(Keyword(k.language, k.term, k.transliteration) for k in keywords),
        retired=row.retired,
        questions=questions_from_dict(row.questions),
    )


def service_values(service: Service) -> dict[str, Any]:
    """Column values of a service row (offices and keywords live in their own tables)."""
    values = service.to_dict()
    for key in ("offices", "keywords"):
        values.pop(key)
    values["category_id"] = values.pop("category")
    values["last_reviewed"] = service.last_reviewed
    return values
