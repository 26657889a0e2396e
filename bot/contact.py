"""The city's general contact: where a person can talk to someone."""
from typing import Any

from sqlalchemy.engine import Engine

from bot.catalogue import format_opening_hours, get_city, get_office
from bot.db import session_scope


class ContactOfficeMissing(LookupError):
    """The catalogue names a contact office it does not contain."""


def contact_details(engine: Engine, language: str) -> dict[str, Any]:
    """Response arguments for utter_talk_to_person, with the contract's `office`."""
    with session_scope(engine) as session:
        city = get_city(session)
        office = get_office(session, city.contact_office)
    if office is None:
        raise ContactOfficeMissing(city.contact_office)
    name = office.name.in_language(language)
    return {
        "office_name": name,
        "office_address": office.address.one_line() if office.address else "",
        "office_phone": office.phone or "",
        "office_email": office.email or "",
        "office_hours": format_opening_hours(office, language),
        "office": {"id": office.id, "kind": office.kind, "name": name},
    }
