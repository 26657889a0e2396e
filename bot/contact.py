"""The city's general contact: where a person can talk to someone."""
from typing import Any

from sqlalchemy.engine import Engine

from bot.catalogue import format_opening_hours, get_city, get_office
from bot.catalogue.translatable import Translated, context, translate_text
from bot.catalogue.types import Office, Text
from bot.db import session_scope
from bot.paths import translations_dir
from bot.translation import SOURCE_LANGUAGE, PoCatalogs


class ContactOfficeMissing(LookupError):
    """The catalogue names a contact office it does not contain."""


def contact_details(engine: Engine, language: str) -> dict[str, Any]:
    """Response arguments for utter_talk_to_person, with the contract's `office`.

    If any catalogue text of the office has no translation, the whole reply is given in
    the source language (with the renderer's notice) rather than in two languages.
    """
    with session_scope(engine) as session:
        city = get_city(session)
        office = get_office(session, city.contact_office)
    if office is None:
        raise ContactOfficeMissing(city.contact_office)
    catalogs = PoCatalogs(translations_dir())
    details, parts = _details(office, language, catalogs, city.city_language)
    if language != SOURCE_LANGUAGE and any(part.translation == "source" for part in parts):
        details, _ = _details(office, SOURCE_LANGUAGE, catalogs, city.city_language)
        details.update(content_language=SOURCE_LANGUAGE, content_translation="source")
    return details


def with_local_name(name: str, office: Office, language: str, city_language: str) -> str:
    """The name in the person's language, followed by the name on the office's door."""
    local = office.name.values.get(city_language)
    if language == city_language or not local or local == name:
        return name
    return f"{name} ({local})"


def _details(
    office: Office, language: str, catalogs: PoCatalogs, city_language: str
) -> tuple[dict[str, Any], list[Translated]]:
    parts: list[Translated] = []

    def text(value: Text, field: str, index: int | None = None) -> str:
        translated = translate_text(
            value, context("office", office.id, field, index), language, catalogs
        )
        parts.append(translated)
        return translated.text

    name = with_local_name(text(office.name, "name"), office, language, city_language)
    hours = format_opening_hours(
        office, language, lambda note, index: text(note, "opening_hours_note", index)
    )
    details = {
        "office_name": name,
        "office_address": office.address.one_line() if office.address else "",
        "office_phone": office.phone or "",
        "office_email": office.email or "",
        "office_hours": hours,
        "office": {"id": office.id, "kind": office.kind, "name": name},
    }
    return details, parts
