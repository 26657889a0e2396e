"""What the report chat says, as response names and arguments, in the person's language.

Response texts live in domain/reports.yml; this module fills in the content: the office's
name, the reason, the deadline and "what happens next" from routing.yml (translated in
translations/reports_content/), and the contract's `office` and `reference`. A turn whose
content has no curated translation is rendered wholly in English and labelled `source`,
so no message is ever half in one language and half in another.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.catalogue import CatalogueData, load_catalogue_files
from bot.catalogue.translatable import context as catalogue_context
from bot.catalogue.translatable import translate_text
from bot.paths import catalogue_dir, translations_dir
from bot.reports.filing import ReportStatus
from bot.reports.lexicon import Lexicon, load_lexicons
from bot.reports.routing import RoutingDecision
from bot.reports.routing_table import RoutingTable, load_routing_table
from bot.reports.settings import reference_prefix
from bot.reports.translatable import translated_text
from bot.translation.compose import Texts, compose
from bot.translation.po_catalogs import PoCatalogs

__all__ = [
    "ChatContext",
    "Content",
    "Message",
    "default_context",
    "deadline_message",
    "office_arguments",
    "office_contact",
    "office_messages",
    "reference_example",
    "status_message",
    "what_next_message",
    "with_content",
]

Arguments = dict[str, Any]


@dataclass(frozen=True)
class ChatContext:
    """Everything the report chat reads: the routing table, the lexicons, the offices."""

    routes: RoutingTable
    lexicons: Mapping[str, Lexicon]
    catalogue: CatalogueData
    catalogs: PoCatalogs


@lru_cache(maxsize=1)
def default_context() -> ChatContext:
    """Read on first use from the default folders (never at import)."""
    routes = load_routing_table()
    return ChatContext(
        routes=routes,
        lexicons=load_lexicons(routes.settings),
        catalogue=load_catalogue_files(catalogue_dir()),
        catalogs=PoCatalogs(translations_dir()),
    )


@dataclass(frozen=True)
class Message:
    """One reply: `dispatcher.utter_message(**message.kwargs())`."""

    response: str
    arguments: Mapping[str, Any] = field(default_factory=dict)

    def kwargs(self) -> Arguments:
        return {"response": self.response, **self.arguments}


class Content:
    """Looks content up in the composition's language, recording each text in `texts`."""

    def __init__(self, context: ChatContext, texts: Texts) -> None:
        self.context = context
        self.texts = texts

    @property
    def language(self) -> str:
        return self.texts.language

    def text(self, key: str) -> str:
        found = translated_text(self.context.routes, key, self.language, self.context.catalogs)
        return self.texts.found(found, self.context.routes.texts[key])

    def office_name(self, office_id: str) -> str:
        office = self.context.catalogue.office(office_id)
        if office is None:
            return office_id
        name = translate_text(office.name, catalogue_context("office", office_id, "name"),
                              self.language, self.context.catalogs)
        self.texts.record(name.language, name.translation)
        return name.text


def with_content(response: str, language: str, context: ChatContext,
                 build: Callable[[Content], Arguments]) -> Message:
    """`response` with content in `language`, or wholly in English when any is missing
    (bot.translation.compose)."""
    composed = compose(lambda texts: build(Content(context, texts)), language)
    return Message(response, {**composed.value, **composed.contract()})


def office_arguments(office_id: str, content: Content) -> Arguments:
    """`office_name` for the text and the contract's `office` {id, kind, name}."""
    office = content.context.catalogue.office(office_id)
    name = content.office_name(office_id)
    kind = office.kind if office is not None else ""
    return {"office_name": name, "office": {"id": office_id, "kind": kind, "name": name}}


def office_contact(office_id: str, context: ChatContext) -> str:
    """Phone, e-mail and website of an office, as one line (they need no translation)."""
    office = context.catalogue.office(office_id)
    if office is None:
        return ""
    return " · ".join(value for value in (office.phone, office.email, office.website) if value)


def office_messages(decision: RoutingDecision, language: str, context: ChatContext,
                    response: str = "utter_report_office") -> list[Message]:
    """Which office handles the report and why, then the deadline that applies, if any."""
    def build(content: Content) -> Arguments:
        return {**office_arguments(decision.office_id, content),
                "why": content.text(decision.why_key)}

    messages = [with_content(response, language, context, build)]
    deadline = deadline_message(decision, language, context)
    if deadline is not None:
        messages.append(deadline)
    return messages


def deadline_message(decision: RoutingDecision, language: str,
                     context: ChatContext) -> Message | None:
    if decision.deadline is None:
        return None
    key = decision.deadline.text_key
    return with_content("utter_report_deadline", language, context,
                        lambda content: {"deadline": content.text(key)})


def what_next_message(decision: RoutingDecision, language: str, context: ChatContext) -> Message:
    def build(content: Content) -> Arguments:
        return {**office_arguments(decision.office_id, content),
                "what_next": content.text(decision.what_next_key)}

    return with_content("utter_report_what_next", language, context, build)


def reference_example() -> str:
    """A reference as people will see one, with this city's prefix."""
    return f"{reference_prefix()}-7K3Q-9XRM"


def status_message(reference: str, status: ReportStatus, language: str,
                   context: ChatContext) -> Message:
    """Only the status and the office: a reference number reveals nothing else.

    The number is `report_number`, not the contract's `reference` (which marks a filing).
    """
    return with_content(f"utter_report_status_{status.status}", language, context,
                        lambda content: {"report_number": reference,
                                         **office_arguments(status.office_id, content)})
