"""What the eligibility chat says, as response names and arguments, in the person's language.

Response texts live in domain/eligibility.yml; this module fills in the content: titles,
questions, outcomes and reasons from the rules and the catalogue (translated in
translations/eligibility_content/), and the reply contract's `sources` and `office`. A
turn whose content has no curated translation is rendered wholly in English and labelled
`source`, so no message is ever half in one language and half in another.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.catalogue import CatalogueData, load_catalogue_files
from bot.eligibility.chat import (
    SKIP_INTENT,
    answer_payload,
    catalogue_title,
    category_payload,
    list_text,
    question_for,
    result_texts,
    service_payload,
)
from bot.eligibility.evaluate import evaluate
from bot.eligibility.loader import load_rules
from bot.eligibility.render import render_result, service_source
from bot.eligibility.translatable import ContentTranslator, index_for, rules_folder
from bot.eligibility.types import Fact, Result, RuleBook
from bot.paths import catalogue_dir, domain_dir, translations_dir
from bot.reports.chat_texts import Message
from bot.responses import ResponseRenderer
from bot.translation import SOURCE_LANGUAGE, PoCatalogs
from bot.translation.compose import Texts, compose

__all__ = [
    "Context",
    "Message",
    "checking",
    "default_context",
    "not_understood",
    "offer_areas",
    "offer_services",
    "question",
    "results",
    "yes_no_words",
]

YES_NO_RESPONSE = "utter_eligibility_question_yes_no"

Arguments = dict[str, Any]
Build = Callable[[ContentTranslator], Arguments]


@dataclass(frozen=True)
class Context:
    """Everything the dialogue reads: the catalogue, the rules, their translations, and the
    domain's responses (for the words of the Yes, No and Skip buttons)."""

    catalogue: CatalogueData
    book: RuleBook
    index: Mapping[str, tuple[str, ...]]
    catalogs: PoCatalogs
    renderer: ResponseRenderer

    def translator(self, language: str, texts: Texts | None = None) -> ContentTranslator:
        return ContentTranslator(language, self.index, self.catalogs, texts)


@lru_cache(maxsize=1)
def default_context() -> Context:
    """Read on first use (never at import), from the same files as the HTTP API."""
    catalogue = load_catalogue_files(catalogue_dir())
    book = load_rules(rules_folder(), catalogue)
    catalogs = PoCatalogs(translations_dir())
    return Context(catalogue, book, index_for(book, catalogue), catalogs,
                   ResponseRenderer(domain_dir(), catalogs))


def checking(response: str, services: Sequence[str], language: str, context: Context) -> Message:
    """`response` naming the services checked, with them as `sources` (as every reply about
    a service names it, README)."""
    catalogue = context.catalogue

    def build(translate: ContentTranslator) -> Arguments:
        titles = [catalogue_title(catalogue, service, translate.language, translate)
                  for service in services]
        sources = [{"id": service, "category": entry.category, "title": title}
                   for service, title in zip(services, titles, strict=True)
                   for entry in [catalogue.service(service)] if entry is not None]
        return {"services": list_text(titles, translate.language), "sources": sources}

    return _say(context, response, language, build)


def offer_areas(language: str, context: Context) -> Message:
    """A button per catalogue area that has services with rules."""
    with_rules = {rules.category for rules in context.book.services.values()}

    def build(translate: ContentTranslator) -> Arguments:
        return {"buttons": [
            {"title": catalogue_title(context.catalogue, category.id, translate.language,
                                      translate, kind="category"),
             "payload": category_payload(category.id)}
            for category in context.catalogue.categories
            if category.id in with_rules and not category.retired
        ]}

    return _say(context, "utter_eligibility_which_service", language, build)


def offer_services(category: str, language: str, context: Context) -> Message:
    """A button per service with rules in the area `category`."""
    services = [rules.service for rules in context.book.services.values()
                if rules.category == category]

    def build(translate: ContentTranslator) -> Arguments:
        return {"buttons": [
            {"title": catalogue_title(context.catalogue, service, translate.language, translate),
             "payload": service_payload(service)}
            for service in services
        ]}

    return _say(context, "utter_eligibility_which_service_in_area", language, build)


def question(fact: Fact, language: str, context: Context) -> Message:
    """Yes/no questions take their buttons from the domain response; choices get one
    button per value and numbers none, then Skip."""

    def build(translate: ContentTranslator) -> Arguments:
        asked = question_for(fact, translate)
        arguments: Arguments = {"question": asked.text}
        if asked.kind != "boolean":
            skip = _button_titles(translate.language, context)["/" + SKIP_INTENT]
            arguments["buttons"] = [
                *({"title": title, "payload": payload} for title, payload in asked.buttons),
                {"title": skip, "payload": "/" + SKIP_INTENT},
            ]
        return arguments

    response = {"boolean": YES_NO_RESPONSE, "integer": "utter_eligibility_question_number"}.get(
        fact.type, "utter_eligibility_question_choice")
    return _say(context, response, language, build)


def not_understood(fact: Fact) -> Message:
    if fact.type == "integer":
        return Message("utter_eligibility_not_understood_number",
                       {"minimum": fact.minimum, "maximum": fact.maximum})
    return Message("utter_eligibility_not_understood")


def results(services: Sequence[str], facts: Mapping[str, Any], language: str,
            context: Context) -> list[Message]:
    """Per service: outcome, reasons, who decides, what to do instead; then the notice.
    Each service is evaluated once; each message renders that result in its language."""
    if not services:
        return []
    messages = [message for service in services
                for message in _result(evaluate(context.book.services[service], facts),
                                       language, context)]
    messages.append(_say(context, "utter_eligibility_notice", language,
                         lambda translate: {"notice": translate(context.book.texts.notice)}))
    return messages


def _result(result: Result, language: str, context: Context) -> list[Message]:
    def rendered(translate: ContentTranslator) -> dict[str, Any]:
        return render_result(result, context.book, context.catalogue, translate.language,
                             translate)

    def result_arguments(translate: ContentTranslator) -> Arguments:
        shown = rendered(translate)
        texts = result_texts(shown, context.book, translate.language, translate)
        return {
            "service_title": texts.service_title,
            "outcome_label": texts.outcome_label,
            "reasons": texts.reasons,
            "offices": texts.offices,
            "sources": shown["sources"],
            **_office(result.decided_by[0], shown["decided_by"][0]["name"], context),
        }

    def instead(translate: ContentTranslator) -> Arguments:
        shown = zip(result.alternatives, rendered(translate)["alternatives"], strict=True)
        named = [(alternative, text["title"] if alternative.kind == "service" else text["name"])
                 for alternative, text in shown]
        arguments: Arguments = {
            "alternatives": list_text((name for _, name in named), translate.language)}
        services = [(alternative.id, name) for alternative, name in named
                    if alternative.kind == "service"]
        offices = [(alternative.id, name) for alternative, name in named
                   if alternative.kind == "office"]
        if services:
            arguments["sources"] = [{**service_source(service, context.catalogue), "title": title}
                                    for service, title in services]
        if offices:
            arguments.update(_office(*offices[0], context))
        return arguments

    messages = [_say(context, "utter_eligibility_result", language, result_arguments)]
    if result.alternatives:
        messages.append(_say(context, "utter_eligibility_instead", language, instead))
    return messages


def _office(office_id: str, name: str, context: Context) -> Arguments:
    office = context.catalogue.office(office_id)
    return {"office": {"id": office_id, "kind": office.kind if office else "", "name": name}}


def _button_titles(language: str, context: Context) -> dict[str, str]:
    """The Yes, No and Skip buttons as the yes/no question shows them in `language`."""
    reply = context.renderer.render(YES_NO_RESPONSE, language, {})
    return {button.payload: button.title for button in reply.buttons}


def yes_no_words(language: str, context: Context) -> tuple[list[str], list[str]]:
    """What the Yes and No buttons say, in `language` and in English: typed, they answer."""
    yes: list[str] = []
    no: list[str] = []
    for shown in dict.fromkeys([language, SOURCE_LANGUAGE]):
        titles = _button_titles(shown, context)
        yes.append(titles[answer_payload(True)])
        no.append(titles[answer_payload(False)])
    return yes, no


def _say(context: Context, response: str, language: str, build: Build) -> Message:
    """`response` with content filled in `language`, or wholly in English (and said so)
    when one of its texts has no curated translation (bot.translation.compose)."""
    composed = compose(lambda texts: build(context.translator(texts.language, texts)), language)
    return Message(response, {**composed.contract(), **composed.value})
