"""The eligibility check in chat: thin Rasa adapters over bot.eligibility.chat.

`action_eligibility_start` finds the services asked about and starts `eligibility_form`;
the form's one slot, `eligibility_answer`, is asked again and again by
`action_ask_eligibility_answer` until `validate_eligibility_form` finds no question left
(questions_needed); then `action_eligibility_result` answers. What the person told us
lives only in slots, so it expires with the conversation.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.catalogue import (
    ActionAnswerService,
    answer_about,
    answer_if_clear,
    decided_service,
)
from actions.forms import answered_just_now
from bot.catalogue import CatalogueData, load_catalogue_files
from bot.catalogue.question_kind import asked_kind, asks_what_it_is, question_asked
from bot.eligibility import ProfileError, RuleBook, check_profile, load_rules, service_source
from bot.eligibility.chat import (
    CATEGORY_ENTITY,
    SERVICE_ENTITY,
    SKIP_INTENT,
    answer_payload,
    catalogue_title,
    category_payload,
    check_results,
    find_services,
    list_text,
    next_question,
    question_for,
    read_answer,
    read_yes_no,
    result_texts,
    service_payload,
)
from bot.eligibility.translatable import ContentTranslator, index_for, rules_folder
from bot.paths import catalogue_dir, domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.responses.message import conversation_language
from bot.translation import SOURCE_LANGUAGE, PoCatalogs

FORM = "eligibility_form"
ANSWER_SLOT = "eligibility_answer"
SERVICES_SLOT = "eligibility_services"
FACTS_SLOT = "eligibility_facts"
SKIPPED_SLOT = "eligibility_skipped"
QUESTION_SLOT = "eligibility_question"
#: A question with how / where words wants the catalogue's answer, not an eligibility check.
ASKS_FOR_AN_ANSWER = frozenset({"how", "where"})
YES_NO_RESPONSE = "utter_eligibility_question_yes_no"
#: Intents that leave the form for a moment (rules in data/rules/eligibility.yml), unless
#: the message also reads as an answer ("no" classified as goodbye).
INTERRUPTIONS = frozenset({"talk_to_person", "goodbye", "choose_language"})
INTERRUPTION_CONFIDENCE = 0.8

Arguments = dict[str, Any]


@dataclass(frozen=True)
class _Context:
    catalogue: CatalogueData
    book: RuleBook
    index: dict[str, tuple[str, ...]]
    catalogs: PoCatalogs
    renderer: ResponseRenderer

    def translator(self, language: str) -> ContentTranslator:
        return ContentTranslator(language, self.index, self.catalogs)


@lru_cache(maxsize=1)
def _context() -> _Context:
    """Read on first use, from the same files as the HTTP API."""
    catalogue = load_catalogue_files(catalogue_dir())
    book = load_rules(rules_folder(), catalogue)
    catalogs = PoCatalogs(translations_dir())
    return _Context(catalogue, book, index_for(book, catalogue), catalogs,
                    ResponseRenderer(domain_dir(), catalogs))


def _utter(dispatcher: CollectingDispatcher, response: str, language: str,
           build: Callable[[ContentTranslator], Arguments]) -> None:
    """Sends `response` with content filled in `language`, or wholly in English (and said
    so) when one of its texts has no curated translation."""
    context = _context()
    translator = context.translator(language)
    arguments = build(translator)
    if translator.missing:
        translator = context.translator(SOURCE_LANGUAGE)
        arguments = build(translator)
    dispatcher.utter_message(
        response=response,
        content_language=translator.language,
        content_translation=translator.translation,
        **arguments,
    )


def _state(tracker: Tracker) -> tuple[list[str], dict[str, Any], list[str]]:
    """Services, facts and skipped questions of the check so far. Anything the rules no
    longer know (they were reloaded during the conversation) is dropped, not trusted."""
    book = _context().book
    facts: dict[str, Any] = {}
    for name, value in dict(tracker.get_slot(FACTS_SLOT) or {}).items():
        try:
            facts.update(check_profile(book.facts, {name: value}))
        except ProfileError:
            continue
    return (
        [service for service in tracker.get_slot(SERVICES_SLOT) or [] if service in book.services],
        facts,
        [fact for fact in tracker.get_slot(SKIPPED_SLOT) or [] if fact in book.facts],
    )


def _entity(tracker: Tracker, name: str) -> str | None:
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == name and isinstance(entity.get("value"), str):
            return str(entity["value"])
    return None


def _titles(services: list[str]) -> Callable[[ContentTranslator], Arguments]:
    catalogue = _context().catalogue

    def build(translate: ContentTranslator) -> Arguments:
        titles = [catalogue_title(catalogue, service, translate.language, translate)
                  for service in services]
        # The reply names what it checks, as every reply about a service does (README).
        sources = [{"id": service, "category": entry.category, "title": title}
                   for service, title in zip(services, titles, strict=True)
                   for entry in [catalogue.service(service)] if entry is not None]
        return {"services": list_text(titles, translate.language), "sources": sources}

    return build


def _button_titles(language: str) -> dict[str, str]:
    """The Yes, No and Skip buttons as the yes/no question shows them in `language`."""
    reply = _context().renderer.render(YES_NO_RESPONSE, language, {})
    return {button.payload: button.title for button in reply.buttons}


def _yes_no_words(language: str) -> tuple[list[str], list[str]]:
    """What the Yes and No buttons say, in `language` and in English: typed, they answer."""
    yes: list[str] = []
    no: list[str] = []
    for shown in dict.fromkeys([language, SOURCE_LANGUAGE]):
        titles = _button_titles(shown)
        yes.append(titles[answer_payload(True)])
        no.append(titles[answer_payload(False)])
    return yes, no


class ActionEligibilityStart(Action):
    def name(self) -> str:
        return "action_eligibility_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        context = _context()
        language = conversation_language(tracker.slots)
        category = _entity(tracker, CATEGORY_ENTITY)
        chosen = _entity(tracker, SERVICE_ENTITY)
        if category:
            _offer_services(dispatcher, category, language)
            return []
        typed = (tracker.latest_message or {}).get("text") or ""
        if not chosen and (asked_kind(typed, language) in ASKS_FOR_AN_ANSWER
                           or asks_what_it_is(typed, language)):
            # "How do I register my child for school?", "What is a WBS?" ask for the
            # answer, not a check.
            return await ActionAnswerService().run(dispatcher, tracker, domain)
        services = [chosen] if chosen is not None and chosen in context.book.services else (
            find_services(typed, context.catalogue, context.book.services))
        previous = tracker.get_slot("service")
        if not services and chosen is None:
            # Named by no keyword ("can I get money to live on?"): the service the catalogue
            # would answer, decided as for any question (ranker and word search). The
            # conversation's own service ("can I get it?") is read below.
            decided = decided_service(tracker)
            if decided is not None and decided != previous and decided in context.book.services:
                services = [decided]
        if not services and previous is not None:
            # No service named: the one the conversation is on. "Who can get it?" wants
            # its answer; "can I get it?" its check.
            if asked_kind(typed, language) is not None:
                return await ActionAnswerService().run(dispatcher, tracker, domain)
            if previous in context.book.services:
                services = [previous]
        if not services:
            # No service named and none in the conversation ("can I get social benefits?"):
            # the catalogue's answer or choice when it has one, rather than five areas.
            answered = answer_if_clear(dispatcher, tracker, or_choice=True)
            if answered is not None:
                return answered
            _offer_areas(dispatcher, language)
            return []
        _, facts, _ = _state(tracker)
        events: list[EventType] = [
            SlotSet(SERVICES_SLOT, services), SlotSet(SKIPPED_SLOT, []),
            SlotSet(QUESTION_SLOT, None), SlotSet(ANSWER_SLOT, None),
        ]
        if next_question(context.book, services, facts, []) is None:
            _say_results(dispatcher, services, facts, language)
            return [*events, SlotSet(SERVICES_SLOT, [])]
        _utter(dispatcher, "utter_eligibility_start", language, _titles(services))
        return [*events, FollowupAction(FORM)]


def _offer_areas(dispatcher: CollectingDispatcher, language: str) -> None:
    context = _context()
    with_rules = {rules.category for rules in context.book.services.values()}

    def build(translate: ContentTranslator) -> Arguments:
        return {"buttons": [
            {"title": catalogue_title(context.catalogue, category.id, translate.language,
                                      translate, kind="category"),
             "payload": category_payload(category.id)}
            for category in context.catalogue.categories
            if category.id in with_rules and not category.retired
        ]}

    _utter(dispatcher, "utter_eligibility_which_service", language, build)


def _offer_services(dispatcher: CollectingDispatcher, category: str, language: str) -> None:
    context = _context()
    services = [rules.service for rules in context.book.services.values()
                if rules.category == category]

    def build(translate: ContentTranslator) -> Arguments:
        return {"buttons": [
            {"title": catalogue_title(context.catalogue, service, translate.language, translate),
             "payload": service_payload(service)}
            for service in services
        ]}

    _utter(dispatcher, "utter_eligibility_which_service_in_area", language, build)


class ActionAskEligibilityAnswer(Action):
    """Asks the next question the services still need, with its answer buttons."""

    def name(self) -> str:
        return "action_ask_eligibility_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        context = _context()
        services, facts, skipped = _state(tracker)
        fact = next_question(context.book, services, facts, skipped)
        if fact is None:
            return []
        _ask(dispatcher, fact, conversation_language(tracker.slots))
        return [SlotSet(QUESTION_SLOT, fact)]


def _ask(dispatcher: CollectingDispatcher, fact_id: str, language: str) -> None:
    fact = _context().book.facts[fact_id]

    def build(translate: ContentTranslator) -> Arguments:
        question = question_for(fact, translate)
        arguments: Arguments = {"question": question.text}
        if question.kind != "boolean":
            skip = _button_titles(translate.language)["/" + SKIP_INTENT]
            arguments["buttons"] = [
                *({"title": title, "payload": payload} for title, payload in question.buttons),
                {"title": skip, "payload": "/" + SKIP_INTENT},
            ]
        return arguments

    response = {"boolean": YES_NO_RESPONSE, "integer": "utter_eligibility_question_number"}.get(
        fact.type, "utter_eligibility_question_choice")
    _utter(dispatcher, response, language, build)


class ValidateEligibilityForm(FormValidationAction):
    """Reads the answer to the question just asked (or its skip), then tells the form to
    ask again while questions_needed lists anything, or to finish."""

    def name(self) -> str:
        return "validate_eligibility_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        context = _context()
        services, facts, skipped = _state(tracker)
        asked = tracker.get_slot(QUESTION_SLOT)
        if asked in context.book.facts and answered_just_now(tracker, FORM):
            reading = _take_answer(dispatcher, tracker, asked, services, facts)
            if reading == "skipped":
                skipped.append(asked)
            elif reading == "interrupted":
                return [ActionExecutionRejected(FORM)]
        needed = next_question(context.book, services, facts, skipped)
        return [
            SlotSet(ANSWER_SLOT, None),
            SlotSet(SERVICES_SLOT, services),
            SlotSet(FACTS_SLOT, facts),
            SlotSet(SKIPPED_SLOT, skipped),
            SlotSet("requested_slot", ANSWER_SLOT if needed else None),
        ]


def _take_answer(dispatcher: CollectingDispatcher, tracker: Tracker, asked: str,
                 services: list[str], facts: dict[str, Any]) -> str:
    """Reads the message as an answer to `asked` and stores it in `facts`.

    A skip button, or a skip in words ("I don't know", "لا أعرف"), skips. Otherwise the
    message is read as an answer first, whatever its intent ("no" may be classified as a
    skip or a goodbye); then as a confident interruption ("interrupted": another rule
    handles it), or as more services named by keyword; otherwise the person is told the
    answer could not be read, and the question comes again.
    """
    context = _context()
    language = conversation_language(tracker.slots)
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    text = str(message.get("text") or "")
    if text.startswith("/" + SKIP_INTENT):
        return "skipped"
    if intent.get("name") == SKIP_INTENT and len(text.split()) > 1:
        return "skipped"
    fact = context.book.facts[asked]
    yes, no = _yes_no_words(language)
    candidate = str(tracker.get_slot(ANSWER_SLOT) or text)
    value = read_answer(fact, candidate, context.translator(language), yes=yes, no=no)
    if value is not None:
        facts[asked] = value
        return "answered"
    if intent.get("name") == SKIP_INTENT:
        return "skipped"
    if _asked_about_the_service(dispatcher, tracker, text, language, services, yes, no):
        return "asked"
    confident = float(intent.get("confidence") or 0) >= INTERRUPTION_CONFIDENCE
    if intent.get("name") in INTERRUPTIONS and confident and read_yes_no(text, yes, no) is None:
        return "interrupted"
    named = [service for service in find_services(text, context.catalogue, context.book.services)
             if service not in services]
    if named:
        services.extend(named)
        _utter(dispatcher, "utter_eligibility_also_checking", language, _titles(named))
        return "more services"
    if fact.type == "integer":
        dispatcher.utter_message(response="utter_eligibility_not_understood_number",
                                 minimum=fact.minimum, maximum=fact.maximum)
    else:
        dispatcher.utter_message(response="utter_eligibility_not_understood")
    return "not understood"


def _asked_about_the_service(dispatcher: CollectingDispatcher, tracker: Tracker, text: str,
                             language: str, services: list[str], yes: list[str],
                             no: list[str]) -> bool:
    """"Who can get it?", "what documents do I need?" asked instead of an answer: the
    catalogue's answer about the first service being checked, then the question again
    (before: "I could not read this answer", and the person was stuck)."""
    kind = question_asked(text, language)
    if kind is None or not services or read_yes_no(text, yes, no) is not None:
        return False
    return answer_about(dispatcher, tracker, services[0], kind)


class ActionEligibilityResult(Action):
    def name(self) -> str:
        return "action_eligibility_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        services, facts, _ = _state(tracker)
        _say_results(dispatcher, services, facts, conversation_language(tracker.slots))
        return [SlotSet(SERVICES_SLOT, []), SlotSet(SKIPPED_SLOT, []), SlotSet(QUESTION_SLOT, None)]


def _say_results(dispatcher: CollectingDispatcher, services: list[str], facts: dict[str, Any],
                 language: str) -> None:
    """Per service: outcome, reasons, who decides, what to do instead; then the notice."""
    context = _context()
    if not services:
        return
    for service in services:
        _say_result(dispatcher, service, facts, language)
    _utter(dispatcher, "utter_eligibility_notice", language,
           lambda translate: {"notice": translate(context.book.texts.notice)})


def _say_result(dispatcher: CollectingDispatcher, service: str, facts: dict[str, Any],
                language: str) -> None:
    context = _context()

    def rendered(translate: ContentTranslator) -> dict[str, Any]:
        return check_results(context.book, context.catalogue, [service], facts,
                             translate.language, translate)[0]

    def result_arguments(translate: ContentTranslator) -> Arguments:
        result = rendered(translate)
        texts = result_texts(result, context.book, translate.language, translate)
        return {
            "service_title": texts.service_title,
            "outcome_label": texts.outcome_label,
            "reasons": texts.reasons,
            "offices": texts.offices,
            "sources": result["sources"],
            **_office(result["decided_by"][0]["id"], result["decided_by"][0]["name"]),
        }

    _utter(dispatcher, "utter_eligibility_result", language, result_arguments)
    if rendered(context.translator(SOURCE_LANGUAGE))["alternatives"]:
        _utter(dispatcher, "utter_eligibility_instead", language, _instead(rendered))


def _instead(rendered: Callable[[ContentTranslator], dict[str, Any]]
             ) -> Callable[[ContentTranslator], Arguments]:
    catalogue = _context().catalogue

    def build(translate: ContentTranslator) -> Arguments:
        result = rendered(translate)
        alternatives = result["alternatives"]
        services = [alternative for alternative in alternatives if alternative["kind"] == "service"]
        offices = [alternative for alternative in alternatives if alternative["kind"] == "office"]
        arguments: Arguments = {
            "alternatives": list_text(
                (a["title"] if a["kind"] == "service" else a["name"] for a in alternatives),
                translate.language),
        }
        if services:
            arguments["sources"] = [
                {**service_source(s["id"], catalogue), "title": s["title"]} for s in services
            ]
        if offices:
            arguments.update(_office(offices[0]["id"], offices[0]["name"]))
        return arguments

    return build


def _office(office_id: str, name: str) -> Arguments:
    office = _context().catalogue.office(office_id)
    return {"office": {"id": office_id, "kind": office.kind if office else "", "name": name}}


class ActionEligibilityStop(Action):
    """The person said goodbye during the questions: forget the answers."""

    def name(self) -> str:
        return "action_eligibility_stop"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(response="utter_eligibility_stopped")
        return [SlotSet(SERVICES_SLOT, []), SlotSet(FACTS_SLOT, {}), SlotSet(SKIPPED_SLOT, []),
                SlotSet(QUESTION_SLOT, None), SlotSet(ANSWER_SLOT, None)]
