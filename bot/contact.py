"""The city's general contact: where a person can talk to someone."""
from typing import Any

from sqlalchemy.engine import Engine

from bot.catalogue import format_opening_hours, get_city, get_office
from bot.catalogue.translatable import context, translate_text
from bot.catalogue.types import Office, Text
from bot.db import session_scope
from bot.paths import translations_dir
from bot.translation import PoCatalogs
from bot.translation.compose import Texts, compose


class ContactOfficeMissing(LookupError):
    """The catalogue names a contact office it does not contain."""


def contact_details(engine: Engine, language: str) -> dict[str, Any]:
    """Response arguments for utter_talk_to_person, with the contract's `office`.

    If any catalogue text of the office has no translation, the whole reply is given in
    the source language (with the renderer's notice) rather than in two languages
    (bot.translation.compose); only then does it carry `content_language` and
    `content_translation`.
    """
    with session_scope(engine) as session:
        city = get_city(session)
        office = get_office(session, city.contact_office)
    if office is None:
        raise ContactOfficeMissing(city.contact_office)
    catalogs = PoCatalogs(translations_dir())
    composed = compose(lambda texts: _details(office, texts, catalogs, city.city_language),
                       language)
    if composed.fell_back:
        return {**composed.value, **composed.contract()}
    return composed.value


def with_local_name(name: str, office: Office, language: str, city_language: str) -> str:
    """The name in the person's language, followed by the name on the office's door."""
    local = office.name.values.get(city_language)
    if language == city_language or not local or local == name:
        return name
    return f"{name} ({local})"


def _details(
    office: Office, texts: Texts, catalogs: PoCatalogs, city_language: str
) -> dict[str, Any]:
    language = texts.language

    def text(value: Text, field: str, index: int | None = None) -> str:
        translated = translate_text(
            value, context("office", office.id, field, index), language, catalogs
        )
        texts.record(translated.language, translated.translation)
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
    return details
