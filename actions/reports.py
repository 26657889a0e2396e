"""Reports in chat: thin Rasa adapters over bot.reports.chat and bot.reports.followup.

`action_report_start` reads the first message (danger now: 112 and no question) and
starts `report_form`; the form's one slot, `report_answer`, is asked again and again by
`action_ask_report_answer` (the first question states the office and why) until
`validate_report_form`, which files the report once the person confirms, finds no
question left. What the person told us lives in the `report_intake` slot until then.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.catalogue import answer_if_clear
from actions.database import engine
from actions.forms import answered_just_now
from bot.db import session_factory
from bot.reports import (
    FiledReport,
    ReportDraft,
    ReportStatus,
    erase_report,
    file_report,
    report_status,
)
from bot.reports.advice import advice_messages
from bot.reports.chat import (
    DECLINED_CHOICE,
    INTERRUPTIONS,
    Intake,
    Reply,
    answer,
    ask,
    next_question,
    start,
)
from bot.reports.chat_texts import Message, default_context
from bot.reports.followup import (
    EraseRequest,
    erase_ask,
    erase_next,
    erase_result,
    erase_take,
    find_reference,
    status_messages,
)
from bot.reports.safety import (
    CRY_FOR_HELP,
    DANGER,
    danger_signal,
    emergency_already_sent,
    emergency_message,
    nothing_urgent_in_words,
)
from bot.reports.telling import asks, read_message
from bot.responses.message import conversation_language

FORM = "report_form"
INTAKE_SLOT = "report_intake"
ANSWER_SLOT = "report_answer"
ERASE_FORM = "report_erase_form"
ERASE_SLOT = "report_erase"
ERASE_ANSWER_SLOT = "report_erase_answer"
CHOICE_ENTITY = "report_choice"


def _reply(tracker: Tracker) -> Reply:
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    choice = next((str(entity.get("value")) for entity in message.get("entities") or []
                   if entity.get("entity") == CHOICE_ENTITY), None)
    return Reply(text=str(message.get("text") or ""), intent=intent.get("name"), choice=choice,
                 confidence=float(intent.get("confidence") or 0.0))


def _send(dispatcher: CollectingDispatcher, messages: list[Message]) -> None:
    for message in messages:
        dispatcher.utter_message(**message.kwargs())


def _warned(tracker: Tracker) -> bool:
    return emergency_already_sent(tracker.events)


def _file(draft: ReportDraft) -> FiledReport:
    with session_factory(engine())() as session:
        return file_report(session, draft)


def _status(reference: str) -> ReportStatus | None:
    with session_factory(engine())() as session:
        return report_status(session, reference)


def _erase(reference: str) -> bool:
    with session_factory(engine())() as session:
        return erase_report(session, reference)


def begin_report(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """The first message of a report: 112 first for danger, then the intake (the form).

    Also called by the actions that find a report in a message NLU gave another intent
    (action_answer_service, action_report_advice): called, not chained with a follow-up
    action, so the rule of the intent NLU gave still ends the turn (a chained action no
    rule expects is followed by the core fallback's "I did not understand")."""
    reply = _reply(tracker)
    language = conversation_language(tracker.slots)
    if reply.choice == DECLINED_CHOICE:
        dispatcher.utter_message(response="utter_report_advice_declined")
        return [SlotSet(INTAKE_SLOT, None)]
    danger = danger_signal(reply.typed, language, default_context().lexicons) == DANGER
    if asks(reply.typed) and not danger:
        # A question, even one that tells what happened ("my landlord won't rent to me
        # because I am a foreigner, is that allowed?"), gets the advice and the offer:
        # the person asked, and may not want to report yet ("what can I do if I witness an
        # attack?" has had 112 first from the language action). Danger goes on below.
        return advise(dispatcher, tracker)
    if not danger and not read_message(reply.typed, language).is_about_reports:
        # Nothing of a report in it, no incident, motive or office: "mam długi czynszowe i
        # wypowiedzenie od właściciela" (rent debts and notice from the landlord) names a
        # landlord, and NLU took it for a report. The catalogue's answer when it is clear.
        answered = answer_if_clear(dispatcher, tracker)
        if answered is not None:
            return answered
    result = start(reply, language,
                   previous=Intake.from_slot(tracker.get_slot(INTAKE_SLOT)),
                   warned=_warned(tracker))
    if result.only_offered:
        # Nothing names an incident ("I want to find a flat" taken for a report): the
        # catalogue's answer when it clearly has one, else the offer of report types.
        answered = answer_if_clear(dispatcher, tracker)
        if answered is not None:
            return answered
    _send(dispatcher, result.messages)
    events: list[EventType] = [
        SlotSet(INTAKE_SLOT, result.intake.to_slot() if result.intake else None)
    ]
    if result.start_form:
        events.append(FollowupAction(FORM))
    return events


def advise(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """A question about discrimination or hate crime: the office and why, then the offer
    to report it here. Danger in the question gets 112 first, as a report would; a
    message that tells of an incident and asks nothing is a report (bot.reports.telling);
    one with nothing of a report in it gets the catalogue's answer, or its choice of close
    services, when it has one ("where can I get housing?" is no question about reports)."""
    reply = _reply(tracker)
    language = conversation_language(tracker.slots)
    context = default_context()
    if danger_signal(reply.typed, language, context.lexicons) == DANGER:
        result = start(reply, language, warned=_warned(tracker), danger=True)
        _send(dispatcher, result.messages)
        return [SlotSet(INTAKE_SLOT, result.intake.to_slot() if result.intake else None)]
    reading = read_message(reply.typed, language, context)
    if reading.tells_of_incident:
        return begin_report(dispatcher, tracker)
    if not reading.is_about_reports:
        answered = answer_if_clear(dispatcher, tracker, or_choice=True)
        if answered is not None:
            return answered
    _send(dispatcher, advice_messages(reply.typed, language, context))
    return []


class ActionReportStart(Action):
    def name(self) -> str:
        return "action_report_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        return begin_report(dispatcher, tracker)


class ActionReportEmergency(Action):
    """The NLU heard danger now: 112 at once, even if no danger phrase is in the lexicon.
    When nothing urgent is in the words (`nothing_urgent_in_words`) and the message
    clearly names a service ("dónde está el albergue de emergencia", where is the
    emergency shelter), NLU's guess gets the "if you are in danger right now, call 112"
    line first, then that service's answer. Of the 46 danger examples of data/nlu without
    a danger phrase, two name a service that clearly, and both say "now"."""

    def name(self) -> str:
        return "action_report_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        reply = _reply(tracker)
        language = conversation_language(tracker.slots)
        context = default_context()
        if nothing_urgent_in_words(reply.typed, language, context.lexicons):
            answer = CollectingDispatcher()
            answered = answer_if_clear(answer, tracker, small_talk=True)
            if answered is not None:
                # NLU's guess alone is treated as a cry for help: the check, not the alarm.
                _send(dispatcher, [emergency_message(CRY_FOR_HELP, language, context)])
                dispatcher.messages.extend(answer.messages)
                return answered
        result = start(reply, language, warned=_warned(tracker), danger=True)
        _send(dispatcher, result.messages)
        return [SlotSet(INTAKE_SLOT, result.intake.to_slot() if result.intake else None)]


class ActionReportAdvice(Action):
    """See `advise`."""

    def name(self) -> str:
        return "action_report_advice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        return advise(dispatcher, tracker)


class ActionAskReportAnswer(Action):
    def name(self) -> str:
        return "action_ask_report_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        intake = Intake.from_slot(tracker.get_slot(INTAKE_SLOT)) or Intake()
        question = next_question(intake, default_context().routes)
        if question is None:
            return []
        intake, messages = ask(intake, question, conversation_language(tracker.slots))
        _send(dispatcher, messages)
        return [SlotSet(INTAKE_SLOT, intake.to_slot())]


class ValidateReportForm(Action):
    """Reads the answer to the question asked last, files once confirmed, and tells the
    form to ask again while a question is left."""

    def name(self) -> str:
        return "validate_report_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        intake = Intake.from_slot(tracker.get_slot(INTAKE_SLOT)) or Intake()
        if intake.asked is not None and answered_just_now(tracker, FORM):
            step = answer(intake, _reply(tracker), conversation_language(tracker.slots), file=_file,
                          warned=_warned(tracker))
            if step.rejected:
                return [ActionExecutionRejected(FORM)]
            _send(dispatcher, step.messages)
            intake = step.intake
        needed = next_question(intake, default_context().routes)
        return [
            SlotSet(ANSWER_SLOT, None),
            SlotSet(INTAKE_SLOT, intake.to_slot()),
            SlotSet("requested_slot", ANSWER_SLOT if needed else None),
        ]


class ActionReportFinish(Action):
    """The report was filed or cancelled (both already told): forget the answers."""

    def name(self) -> str:
        return "action_report_finish"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        return [SlotSet(INTAKE_SLOT, None), SlotSet(ANSWER_SLOT, None)]


class ActionReportStop(Action):
    """The person left during the intake: nothing is sent, and the answers are forgotten."""

    def name(self) -> str:
        return "action_report_stop"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(response="utter_report_cancelled")
        return [SlotSet(INTAKE_SLOT, None), SlotSet(ANSWER_SLOT, None)]


class ActionReportStatus(Action):
    def name(self) -> str:
        return "action_report_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        language = conversation_language(tracker.slots)
        if find_reference(text) is None and not read_message(
                text, language, default_context()).is_about_reports:
            # A question about a service taken for "what about my report?" (no number, nothing
            # of a report in it) gets the service it names.
            answered = answer_if_clear(dispatcher, tracker, small_talk=True)
            if answered is not None:
                return answered
        _send(dispatcher, status_messages(text, language, _status))
        return []


class ActionReportEraseStart(Action):
    def name(self) -> str:
        return "action_report_erase_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        request = EraseRequest(reference=find_reference(text))
        return [SlotSet(ERASE_SLOT, request.to_slot()), FollowupAction(ERASE_FORM)]


class ActionAskReportEraseAnswer(Action):
    def name(self) -> str:
        return "action_ask_report_erase_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        request = EraseRequest.from_slot(tracker.get_slot(ERASE_SLOT))
        question = erase_next(request)
        if question is None:
            return []
        request, messages = erase_ask(request, question)
        _send(dispatcher, messages)
        return [SlotSet(ERASE_SLOT, request.to_slot())]


class ValidateReportEraseForm(Action):
    def name(self) -> str:
        return "validate_report_erase_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        request = EraseRequest.from_slot(tracker.get_slot(ERASE_SLOT))
        if request.asked is not None and answered_just_now(tracker, ERASE_FORM):
            reply = _reply(tracker)
            if reply.intent in INTERRUPTIONS:
                return [ActionExecutionRejected(ERASE_FORM)]
            language = conversation_language(tracker.slots)
            context = default_context()
            signal = danger_signal(reply.typed, language, context.lexicons)
            if signal is not None and not _warned(tracker):
                _send(dispatcher, [emergency_message(signal, language, context)])
            yes = {"affirm": True, "deny": False}.get(reply.intent or "")
            request, messages = erase_take(request, reply.text, yes)
            _send(dispatcher, messages)
        needed = erase_next(request)
        return [
            SlotSet(ERASE_ANSWER_SLOT, None),
            SlotSet(ERASE_SLOT, request.to_slot()),
            SlotSet("requested_slot", ERASE_ANSWER_SLOT if needed else None),
        ]


class ActionReportEraseFinish(Action):
    def name(self) -> str:
        return "action_report_erase_finish"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        request = EraseRequest.from_slot(tracker.get_slot(ERASE_SLOT))
        _send(dispatcher, erase_result(request, _erase))
        return [SlotSet(ERASE_SLOT, None), SlotSet(ERASE_ANSWER_SLOT, None)]
