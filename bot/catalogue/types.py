"""The catalogue's domain types, shared by the YAML reader, the database and the read API.

They are plain frozen dataclasses, so values read from the database stay usable after the
session is closed, and a YAML entry and a stored row compare equal when nothing changed.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: What an office is for. The complaints routing chooses among the last five.
OFFICE_KINDS: tuple[str, ...] = (
    "advice",
    "service_point",
    "emergency",
    "police",
    "anti_discrimination_office",
    "equality_body",
    "victim_support",
)


@dataclass(frozen=True)
class Text:
    """A catalogue text in the catalogue's source language, with optional translations.

    `values` maps language codes to texts and always holds the source language. Curated
    PO translations can later be looked up with `source` as the msgid.
    """

    values: Mapping[str, str]
    source_language: str

    @property
    def source(self) -> str:
        return self.values[self.source_language]

    def in_language(self, language: str) -> str:
        """The text in `language`, or in the source language when not translated."""
        return self.values.get(language) or self.source

    def has_translation(self, language: str) -> bool:
        return language in self.values

    def to_dict(self) -> dict[str, str]:
        return dict(sorted(self.values.items()))

    @classmethod
    def from_dict(cls, values: Mapping[str, str], source_language: str) -> Text:
        return cls(dict(values), source_language)


def _text_or_none(text: Text | None) -> dict[str, str] | None:
    return text.to_dict() if text is not None else None


@dataclass(frozen=True)
class OpeningHours:
    """One group of weekdays open from `opens` to `closes` (`closes` None means 24:00)."""

    days: tuple[str, ...]
    opens: time
    closes: time | None
    note: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "days": list(self.days),
            "from": self.opens.strftime("%H:%M"),
            "to": self.closes.strftime("%H:%M") if self.closes else "24:00",
            "note": _text_or_none(self.note),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source_language: str) -> OpeningHours:
        return cls(
            days=tuple(data["days"]),
            opens=parse_time(data["from"]),
            closes=None if data["to"] == "24:00" else parse_time(data["to"]),
            note=Text.from_dict(data["note"], source_language) if data.get("note") else None,
        )


def parse_time(value: str) -> time:
    """'HH:MM' to a time; raises ValueError otherwise."""
    hours, minutes = value.split(":")
    if len(hours) != 2 or len(minutes) != 2:
        raise ValueError(value)
    return time(int(hours), int(minutes))


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    city: str

    def to_dict(self) -> dict[str, str]:
        return {"street": self.street, "postcode": self.postcode, "city": self.city}

    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


@dataclass(frozen=True)
class Office:
    id: str
    kind: str
    name: Text
    fictional: bool
    step_free_access: bool
    languages: tuple[str, ...] = ()
    description: Text | None = None
    address: Address | None = None
    district: str | None = None
    opening_hours: tuple[OpeningHours, ...] = ()
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    retired: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The office's content, as stored in the history table (without `retired`)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name.to_dict(),
            "fictional": self.fictional,
            "step_free_access": self.step_free_access,
            "languages": list(self.languages),
            "description": _text_or_none(self.description),
            "address": self.address.to_dict() if self.address else None,
            "district": self.district,
            "opening_hours": [hours.to_dict() for hours in self.opening_hours],
            "phone": self.phone,
            "email": self.email,
            "website": self.website,
        }


@dataclass(frozen=True)
class Category:
    id: str
    title: Text
    summary: Text
    position: int = 0
    retired: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title.to_dict(),
            "summary": self.summary.to_dict(),
            "position": self.position,
        }


@dataclass(frozen=True)
class Keyword:
    """A word or phrase people type for a service; `transliteration` marks Latin-letter
    spellings of a language normally written in another script (e.g. ar 'kurs almani')."""

    language: str
    term: str
    transliteration: bool = False


#: What a question asks about a service; each kind is the intent ask_<kind>.
QUESTION_KINDS: tuple[str, ...] = ("service", "how", "where", "who")


@dataclass(frozen=True)
class Question:
    """A question or statement of need people type about a service, in one language,
    asking for one kind of answer (QUESTION_KINDS). The service ranker learns from them,
    and the NLU examples of the ask_<kind> intents are drawn from them."""

    language: str
    kind: str
    text: str


@dataclass(frozen=True)
class Service:
    id: str
    category: str
    title: Text
    summary: Text
    who_can_get_it: Text
    how_to_apply: tuple[Text, ...]
    documents: tuple[Text, ...]
    fees: Text
    offices: tuple[str, ...]
    source_url: str
    last_reviewed: date
    keywords: tuple[Keyword, ...] = ()
    retired: bool = False
    questions: tuple[Question, ...] = ()

    def keywords_in(self, language: str) -> list[str]:
        return [keyword.term for keyword in self.keywords if keyword.language == language]

    def questions_in(self, language: str, kind: str | None = None) -> list[str]:
        return [question.text for question in self.questions
                if question.language == language and kind in (None, question.kind)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "title": self.title.to_dict(),
            "summary": self.summary.to_dict(),
            "who_can_get_it": self.who_can_get_it.to_dict(),
            "how_to_apply": [step.to_dict() for step in self.how_to_apply],
            "documents": [document.to_dict() for document in self.documents],
            "fees": self.fees.to_dict(),
            "offices": list(self.offices),
            "source_url": self.source_url,
            "last_reviewed": self.last_reviewed.isoformat(),
            "keywords": [
                [keyword.language, keyword.term, keyword.transliteration]
                for keyword in self.keywords
            ],
            "questions": questions_to_dict(self.questions),
        }


def questions_to_dict(questions: tuple[Question, ...]) -> dict[str, dict[str, list[str]]]:
    """{language: {kind: [text, ...]}}, the form they are written and stored in."""
    grouped: dict[str, dict[str, list[str]]] = {}
    for question in questions:
        grouped.setdefault(question.language, {}).setdefault(question.kind, []).append(
            question.text)
    return grouped


def questions_from_dict(grouped: Mapping[str, Mapping[str, Any]] | None) -> tuple[Question, ...]:
    return canonical_questions(
        Question(language, kind, text)
        for language, kinds in (grouped or {}).items()
        for kind, texts in kinds.items()
        for text in texts
    )


def canonical_questions(questions: Iterable[Question]) -> tuple[Question, ...]:
    """By language, then kind, each list in its written order: the same whether read from
    the YAML or from PostgreSQL's JSONB, which keeps no key order."""
    order = {kind: position for position, kind in enumerate(QUESTION_KINDS)}
    return tuple(sorted(questions, key=lambda q: (q.language, order.get(q.kind, len(order)))))


@dataclass(frozen=True)
class City:
    id: str
    name: Text
    fictional: bool
    source_language: str
    city_language: str
    languages: tuple[str, ...]
    timezone: str
    contact_office: str
    website: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name.to_dict(),
            "fictional": self.fictional,
            "source_language": self.source_language,
            "city_language": self.city_language,
            "languages": list(self.languages),
            "timezone": self.timezone,
            "contact_office": self.contact_office,
            "website": self.website,
        }


@dataclass(frozen=True)
class CatalogueData:
    """Everything read from one catalogue folder, already validated."""

    city: City
    categories: tuple[Category, ...]
    offices: tuple[Office, ...]
    services: tuple[Service, ...]
    warnings: tuple[str, ...] = field(default=())

    def office(self, office_id: str) -> Office | None:
        return next((office for office in self.offices if office.id == office_id), None)

    def service(self, service_id: str) -> Service | None:
        return next((service for service in self.services if service.id == service_id), None)
