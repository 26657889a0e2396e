"""Answers what / where / how / who-can questions about the city's services (docs/answering.md).

Thin: bot.catalogue.answers decides and composes; this adapter reads the message, utters
the responses it names and remembers the service for follow-up questions.

Settings: CATALOGUE_REFRESH_SECONDS (default 300), how long the catalogue, its search
index and its service ranker are kept in memory before they are read again.
"""
import logging
import time
from abc import ABCMeta, abstractmethod
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.database import engine
from bot.catalogue.answers import QUESTIONS, Catalogue, Reply, read_catalogue, respond
from bot.catalogue.courtesy import is_courtesy
from bot.catalogue.question_kind import asked_kind, question_asked
from bot.catalogue.ranker import background_examples
from bot.catalogue.read import CatalogueNotLoaded
from bot.catalogue.search import example_questions
from bot.catalogue.unanswered import record_unanswered
from bot.contact import contact_details
from bot.paths import PROJECT_ROOT, translations_dir
from bot.reports.followup import find_reference
from bot.reports.telling import Reading, asks, read_message
from bot.semantics import EMBEDDING_KEY, default_embedder, unpack
from bot.settings import number
from bot.translation.po_catalogs import PoCatalogs

logger = logging.getLogger(__name__)
FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENT = "out_of_scope"


class ActionAnswerService(Action):
    def name(self) -> str:
        return "action_answer_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        text = _typed(message)
        intent = str((message.get("intent") or {}).get("name") or "")
        language = tracker.get_slot("language") or "en"
        reading = read_message(text, language)
        if _only_a_report_number(text, reading):
            return await _report_status(dispatcher, tracker, domain)
        if reading.tells_of_incident:
            # "The landlord refused me the flat because I am Afghan" is a report, even when
            # NLU took it for a question about flats (bot/reports/telling.py).
            from actions.reports import begin_report  # it imports this module

            return begin_report(dispatcher, tracker)
        question = _question(intent, message, language)
        catalogue = current_catalogue()
        about_reports = asks(text) and (reading.names_what_happened or reading.is_about_reports)
        # A question about reporting is answered from the catalogue only when the service is
        # clear without the ranker's sharp judgement, else the advice has the better answer.
        reply = _respond(catalogue, tracker, question, intent, sharpen=not about_reports)
        if reply.kind == "answer" and reply.answer is not None:
            return _utter(dispatcher, reply)
        if about_reports:
            # "Where do I go if I experience discrimination?" taken for a service question:
            # the catalogue has no clear answer, the report advice has (office, why, offer).
            from actions.reports import advise  # it imports this module

            return advise(dispatcher, tracker)
        if reply.answer is not None:
            return _utter(dispatcher, reply)
        if reply.kind == "not_understood":
            dispatcher.utter_message(response="utter_default")
            return []
        if intent == OUT_OF_SCOPE_INTENT:
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        dispatcher.utter_message(
            response="utter_service_not_found", **contact_details(engine(), language)
        )
        _log_gap(catalogue, language, text, question)
        return []


class ActionCapabilities(Action):
    """What the assistant can do, unless the message clearly asks about one service: DIET
    takes short questions such as "What is a Kita?", "Wie finde ich eine Wohnung?" or
    "Nasıl ev bulabilirim?" for "what can you do?", and the person deserves the answer."""

    def name(self) -> str:
        return "action_capabilities"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        answered = answer_if_clear(dispatcher, tracker, small_talk=True)
        if answered is not None:
            return answered
        dispatcher.utter_message(response="utter_capabilities")
        return []


class _Courtesy(Action, metaclass=ABCMeta):
    """Thanks or a goodbye, unless the message asks something: DIET took "أين
    سأعيش؟" (where will I live?) for goodbye and "¿Qué es la Anmeldung y por qué es
    importante?" for thanks, and the person was wished goodbye. A message with a question
    word (bot/catalogue/question_kind.py) is a question and gets what any question gets;
    none of the 442 thanks and goodbye examples of data/nlu has one. A need told without
    a word of thanks or goodbye (bot/catalogue/courtesy.py: "شب جایی برای خواب ندارم", I
    have nowhere to sleep tonight, taken for goodbye) gets the service it clearly names
    (`answer_if_clear`, as small talk); "good night" or "thanks for the help with the Kita"
    are answered in kind. A greeting stays a plain response, answered even while the
    action server is down."""

    @property
    @abstractmethod
    def response(self) -> str:
        """The reply when the message asks nothing."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = _typed(tracker.latest_message or {})
        language = tracker.get_slot("language") or "en"
        if question_asked(text, language) is not None:
            return await ActionAnswerService().run(dispatcher, tracker, domain)
        if not is_courtesy(text):
            answered = answer_if_clear(dispatcher, tracker, small_talk=True)
            if answered is not None:
                return answered
        dispatcher.utter_message(response=self.response)
        return []


class ActionThank(_Courtesy):
    response = "utter_you_are_welcome"

    def name(self) -> str:
        return "action_thank"


class ActionGoodbye(_Courtesy):
    response = "utter_goodbye"

    def name(self) -> str:
        return "action_goodbye"


class ActionDefaultFallback(Action):
    """Rasa's fallback, when no rule or story fits the message (DIET read a question as a
    stray "no": "Co to jest zasiłek na dzieci?"): the service the message names, when it
    names one as clearly as `action_capabilities` requires, else "please say it in other
    words" with the message taken back, as Rasa's own fallback does. Inside a form the form
    keeps the turn."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if not (tracker.active_loop or {}).get("name"):
            text = _typed(tracker.latest_message or {})
            reading = read_message(text, tracker.get_slot("language") or "en")
            if _only_a_report_number(text, reading):
                return await _report_status(dispatcher, tracker, domain)
            answered = answer_if_clear(dispatcher, tracker, small_talk=True)
            if answered is not None:
                # Taken back like any fallback turn, or the policies, which still find no
                # rule for the message, predict this action again and again; the service
                # is remembered for the next question.
                return [UserUtteranceReverted(), *answered]
        dispatcher.utter_message(response="utter_default")
        return [UserUtteranceReverted()]


def _only_a_report_number(text: str, reading: Reading) -> bool:
    """A report number ("lb 7k3q 9xrm") with nothing of a report around it (`reading` is
    the text's, read once by the caller), which NLU took for a question or for nothing it
    knows: the person wants the report's status."""
    return find_reference(text) is not None and not reading.is_about_reports


async def _report_status(dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: dict[str, Any]) -> list[EventType]:
    from actions.reports import ActionReportStatus  # it imports this module

    return await ActionReportStatus().run(dispatcher, tracker, domain)


def answer_if_clear(dispatcher: CollectingDispatcher, tracker: Tracker, *,
                    or_choice: bool = False, small_talk: bool = False
                    ) -> list[EventType] | None:
    """The catalogue's answer when one service clearly fits the latest message, else None.
    For another feature's action whose intent may have been mistaken: a question about
    finding a flat that NLU took for a report is answered, not offered a report. With
    `or_choice`, close candidates offered as buttons count too (for a caller that knows
    the message is about nothing of its own); with `small_talk`, only a service the message
    names or the ranker is sure of (bot.catalogue.answers.respond)."""
    message = tracker.latest_message or {}
    question = _question(FALLBACK_INTENT, message, tracker.get_slot("language") or "en")
    try:
        reply = _respond(current_catalogue(), tracker, question, FALLBACK_INTENT,
                         small_talk=small_talk)
    except (SQLAlchemyError, CatalogueNotLoaded):
        logger.exception("the catalogue could not be read")
        return None  # the other feature's reply is better than none
    if reply.answer is None or reply.kind not in (("answer", "choose") if or_choice or small_talk
                                                  else ("answer",)):
        return None
    return _utter(dispatcher, reply)


def decided_service(tracker: Tracker) -> str | None:
    """The one service the catalogue's decision answers the latest message with, or None (a
    choice, nothing, an unreadable catalogue): for another feature that must know which
    service a message is about ("can I get money to live on?" for the eligibility check).
    A message without a topic of its own ("can I get it?") is about the conversation's."""
    try:
        reply = _respond(current_catalogue(), tracker, "who", "")
    except (SQLAlchemyError, CatalogueNotLoaded):
        logger.exception("the catalogue could not be read")
        return None
    return reply.service_id if reply.kind == "answer" else None


def answer_about(dispatcher: CollectingDispatcher, tracker: Tracker, service_id: str,
                 question: str) -> bool:
    """The catalogue's answer of kind `question` about `service_id`, for a question asked
    inside another feature's dialogue ("who can get it?" while the eligibility questions
    run); False when the catalogue cannot be read or has no such service."""
    try:
        reply = _respond(current_catalogue(), tracker, question, "", service_id=service_id)
    except (SQLAlchemyError, CatalogueNotLoaded):
        logger.exception("the catalogue could not be read")
        return False
    if reply.kind != "answer" or reply.answer is None:
        return False
    _utter(dispatcher, reply)
    return True


def _typed(message: dict[str, Any]) -> str:
    text = str(message.get("text") or "")
    return "" if text.startswith("/") else text


def _respond(catalogue: Catalogue, tracker: Tracker, question: str, intent: str, *,
             small_talk: bool = False, sharpen: bool = True,
             service_id: str | None = None) -> Reply:
    """The catalogue's reply to the latest message; `service_id` names the service instead
    of a button's entity."""
    message = tracker.latest_message or {}
    return respond(
        catalogue, question, _typed(message), tracker.get_slot("language") or "en",
        _catalogs(), datetime.now(ZoneInfo(catalogue.timezone)).date(),
        service_id=service_id or next(tracker.get_latest_entity_values("service"), None),
        previous_service=tracker.get_slot("service"),
        fallback=intent == FALLBACK_INTENT,
        out_of_scope=intent == OUT_OF_SCOPE_INTENT,
        small_talk=small_talk,
        sharpen=sharpen,
        vector=message_embedding(message),
    )


def _utter(dispatcher: CollectingDispatcher, reply: Reply) -> list[EventType]:
    assert reply.answer is not None
    for utterance in reply.answer.utterances:
        dispatcher.utter_message(
            response=utterance.response, buttons=list(utterance.buttons) or None,
            **utterance.arguments,
        )
    return [SlotSet("service", reply.service_id)] if reply.service_id else []


def _question(intent: str, message: dict[str, Any], language: str) -> str:
    """The kind of question: from its question words when they name one kind ("how do
    I ..."; bot/catalogue/question_kind.py), else from the intent, or for a message NLU
    was not sure about, from the likeliest intent if that is a question intent ("service",
    what it is, when NLU has no idea: its answer offers where / how / who as buttons)."""
    kind = asked_kind(_typed(message), language)
    if kind is not None:
        return kind
    if intent != FALLBACK_INTENT:
        name = intent
    else:
        ranking = [str(item.get("name")) for item in message.get("intent_ranking") or []]
        name = next((item for item in ranking if item != FALLBACK_INTENT), "")
    return name[4:] if name.startswith("ask_") and name[4:] in QUESTIONS else "service"


def _log_gap(catalogue: Catalogue, language: str, text: str, question: str) -> None:
    try:
        record_unanswered(engine(), language, text, question, catalogue.index.knows)
    except SQLAlchemyError:
        logger.exception("could not record an unanswered question")


def current_catalogue() -> Catalogue:
    """The catalogue with its search index and ranker, read again every
    CATALOGUE_REFRESH_SECONDS; the action server reads it at start (warm-up)."""
    return _catalogue(int(time.monotonic() // number("CATALOGUE_REFRESH_SECONDS", 300)))


@lru_cache(maxsize=1)
def _catalogue(_period: int) -> Catalogue:
    examples = example_questions(PROJECT_ROOT / "data" / "nlu" / "catalogue")
    return read_catalogue(engine(), _catalogs(), examples, background_examples(),
                          default_embedder())


def message_embedding(message: dict[str, Any]) -> np.ndarray | None:
    """The message's sentence embedding, when the NLU pipeline passed it on
    (rasa_addons/sentence_embeddings.py); None makes the ranker compute it."""
    packed = message.get(EMBEDDING_KEY)
    return unpack(packed) if isinstance(packed, str) else None


@lru_cache(maxsize=1)
def _catalogs() -> PoCatalogs:
    return PoCatalogs(translations_dir())
