"""The eligibility check as a dialogue: which services to check, what to ask next, what an
answer means, and the results, as pure steps over a typed `Check`.

The Rasa adapter (actions/eligibility.py) reads the slots into a `Check` and the latest
message into a `Reply`, calls a step, sends its `messages` and sets its `slots`. What the
catalogue must answer (a check that is a question, a question about the service asked
instead of an answer) is handed back to the adapter, which owns the catalogue's actions.
Each service is evaluated once per result, and the typed result is rendered through
`render_result`, as the API renders it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from bot.catalogue.question_kind import asked_kind, asks_what_it_is, question_asked
from bot.eligibility.chat import (
    SKIP_INTENT,
    find_services,
    next_question,
    read_answer,
    read_yes_no,
)
from bot.eligibility.chat_texts import (
    Context,
    Message,
    checking,
    not_understood,
    offer_areas,
    offer_services,
    question,
    results,
    yes_no_words,
)
from bot.eligibility.profile import ProfileError, check_profile
from bot.eligibility.types import RuleBook

__all__ = [
    "ANSWER_OR_CHOICE",
    "ANSWER_SLOT",
    "CATALOGUE_ANSWER",
    "FORM",
    "INTERRUPTIONS",
    "Check",
    "Reply",
    "Start",
    "Step",
    "answer",
    "ask",
    "finish",
    "start",
    "stop",
]

FORM = "eligibility_form"
ANSWER_SLOT = "eligibility_answer"
SERVICES_SLOT = "eligibility_services"
FACTS_SLOT = "eligibility_facts"
SKIPPED_SLOT = "eligibility_skipped"
QUESTION_SLOT = "eligibility_question"
REQUESTED_SLOT = "requested_slot"
#: A question with how / where words wants the catalogue's answer, not an eligibility check.
ASKS_FOR_AN_ANSWER = frozenset({"how", "where"})
#: Intents that leave the form for a moment (rules in data/rules/eligibility.yml), unless
#: the message also reads as an answer ("no" classified as goodbye).
INTERRUPTIONS = frozenset({"talk_to_person", "goodbye", "choose_language"})
INTERRUPTION_CONFIDENCE = 0.8
#: What a start hands to the catalogue: its answer to the message (action_answer_service),
#: or its answer or choice of close services when it has one, else the start's messages.
HandOver = Literal["answer", "answer_or_choice"]
CATALOGUE_ANSWER: HandOver = "answer"
ANSWER_OR_CHOICE: HandOver = "answer_or_choice"


@dataclass(frozen=True)
class Check:
    """The check so far: the services being checked, the facts told (kept for the whole
    conversation, so a later check does not ask them again), the questions skipped, and
    the question asked last."""

    services: tuple[str, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    asked: str | None = None

    def to_slots(self) -> dict[str, Any]:
        """What the person told, as the form's validation stores it."""
        return {SERVICES_SLOT: list(self.services), FACTS_SLOT: dict(self.facts),
                SKIPPED_SLOT: list(self.skipped)}

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any], book: RuleBook) -> Check:
        """Anything the rules no longer know (they were reloaded during the conversation)
        is dropped, not trusted."""
        facts: dict[str, Any] = {}
        for name, value in dict(slots.get(FACTS_SLOT) or {}).items():
            try:
                facts.update(check_profile(book.facts, {name: value}))
            except ProfileError:
                continue
        asked = slots.get(QUESTION_SLOT)
        return cls(
            services=tuple(service for service in slots.get(SERVICES_SLOT) or []
                           if service in book.services),
            facts=facts,
            skipped=tuple(fact for fact in slots.get(SKIPPED_SLOT) or [] if fact in book.facts),
            asked=asked if asked in book.facts else None,
        )

    def next_question(self, book: RuleBook) -> str | None:
        return next_question(book, self.services, self.facts, self.skipped)


@dataclass(frozen=True)
class Reply:
    """The person's latest message: its text, its intent, the service or area a button
    names, and the form's `eligibility_answer` (a button's value, else the text)."""

    text: str = ""
    intent: str | None = None
    confidence: float = 0.0
    service: str | None = None
    category: str | None = None
    answer: str | None = None


@dataclass(frozen=True)
class Start:
    """What a request for a check leads to: the replies, the slots to set, whether the
    form starts, and what is handed to the catalogue instead."""

    messages: list[Message] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    start_form: bool = False
    hand_over: HandOver | None = None


@dataclass(frozen=True)
class Step:
    """One turn of the check: the check after it, the replies and the slots to set."""

    check: Check
    messages: list[Message] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    #: The message was not an answer but an interruption another rule handles.
    rejected: bool = False


def start(reply: Reply, language: str, known: Check, previous: str | None,
          decided: Callable[[], str | None], context: Context) -> Start:
    """Finds the services asked about and begins their check.

    A button names a service or an area; else the services the message names by keyword;
    else the one the catalogue's decision finds (`decided`, asked only then); else the
    service the conversation is on (`previous`). A question ("how do I register my child
    for school?", "what is a WBS?", "who can get it?") wants the catalogue's answer.
    """
    book = context.book
    if reply.category:
        return Start([offer_services(reply.category, language, context)])
    typed = reply.text
    chosen = reply.service
    if not chosen and (asked_kind(typed, language) in ASKS_FOR_AN_ANSWER
                       or asks_what_it_is(typed, language)):
        return Start(hand_over=CATALOGUE_ANSWER)
    services = [chosen] if chosen is not None and chosen in book.services else (
        find_services(typed, context.catalogue, book.services))
    if not services and chosen is None:
        found = decided()
        if found is not None and found != previous and found in book.services:
            services = [found]
    if not services and previous is not None:
        if asked_kind(typed, language) is not None:
            return Start(hand_over=CATALOGUE_ANSWER)
        if previous in book.services:
            services = [previous]
    if not services:
        return Start([offer_areas(language, context)], hand_over=ANSWER_OR_CHOICE)
    slots = {SERVICES_SLOT: services, SKIPPED_SLOT: [], QUESTION_SLOT: None, ANSWER_SLOT: None}
    if next_question(book, services, known.facts, []) is None:
        return Start(results(services, known.facts, language, context),
                     {**slots, SERVICES_SLOT: []})
    return Start([checking("utter_eligibility_start", services, language, context)], slots,
                 start_form=True)


def ask(check: Check, language: str, context: Context) -> Step:
    """The next question the services still need, with its answer buttons."""
    fact_id = check.next_question(context.book)
    if fact_id is None:
        return Step(check)
    return Step(replace(check, asked=fact_id),
                [question(context.book.facts[fact_id], language, context)],
                {QUESTION_SLOT: fact_id})


def answer(check: Check, reply: Reply | None, language: str,
           about: Callable[[str, str], bool], context: Context) -> Step:
    """Reads `reply` as the answer to the question asked (None: the person wrote nothing
    since, e.g. back from an interruption), then asks again while a question is left.

    A skip button, or a skip in words ("I don't know", "لا أعرف"), skips. Otherwise the
    message is read as an answer first, whatever its intent ("no" may be classified as a
    skip or a goodbye); then as a question about the first service ("who can get it?":
    `about(service, kind)` gives the catalogue's answer, True when it did), a confident
    interruption (another rule handles it), or more services named by keyword; otherwise
    the person is told the answer could not be read, and the question comes again.
    """
    messages: list[Message] = []
    if check.asked is not None and reply is not None:
        read = _read(check, check.asked, reply, language, about, context)
        if read is None:
            return Step(check, rejected=True)
        check, messages = read
    needed = check.next_question(context.book)
    return Step(check, messages, {ANSWER_SLOT: None, **check.to_slots(),
                                  REQUESTED_SLOT: ANSWER_SLOT if needed else None})


def _read(check: Check, asked: str, reply: Reply, language: str,
          about: Callable[[str, str], bool], context: Context
          ) -> tuple[Check, list[Message]] | None:
    """The check after `reply`, with what to say; None for an interruption."""
    text = reply.text
    skipped = replace(check, skipped=(*check.skipped, asked))
    if text.startswith("/" + SKIP_INTENT):
        return skipped, []
    if reply.intent == SKIP_INTENT and len(text.split()) > 1:
        return skipped, []
    book = context.book
    fact = book.facts[asked]
    yes, no = yes_no_words(language, context)
    value = read_answer(fact, reply.answer or text, context.translator(language), yes=yes, no=no)
    if value is not None:
        return replace(check, facts={**check.facts, asked: value}), []
    if reply.intent == SKIP_INTENT:
        return skipped, []
    kind = question_asked(text, language)
    if (kind is not None and check.services and read_yes_no(text, yes, no) is None
            and about(check.services[0], kind)):
        # "Who can get it?" asked instead of an answer: the catalogue's answer, then the
        # question again (before: "I could not read this answer", and the person was stuck).
        return check, []
    confident = reply.confidence >= INTERRUPTION_CONFIDENCE
    if reply.intent in INTERRUPTIONS and confident and read_yes_no(text, yes, no) is None:
        return None
    named = [service for service in find_services(text, context.catalogue, book.services)
             if service not in check.services]
    if named:
        return replace(check, services=(*check.services, *named)), [
            checking("utter_eligibility_also_checking", named, language, context)]
    return check, [not_understood(fact)]


def finish(check: Check, language: str, context: Context) -> Step:
    """No question left: the results; the facts are kept for a later check."""
    return Step(replace(check, services=(), skipped=(), asked=None),
                results(check.services, check.facts, language, context),
                {SERVICES_SLOT: [], SKIPPED_SLOT: [], QUESTION_SLOT: None})


def stop() -> Step:
    """The person said goodbye during the questions: forget the answers."""
    return Step(Check(), [Message("utter_eligibility_stopped")],
                {**Check().to_slots(), QUESTION_SLOT: None, ANSWER_SLOT: None})


