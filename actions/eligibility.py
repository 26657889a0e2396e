"""The eligibility check in chat: thin Rasa adapters over bot.eligibility.intake.

`action_eligibility_start` finds the services asked about and starts `eligibility_form`;
the form's one slot, `eligibility_answer`, is asked again and again by
`action_ask_eligibility_answer` until `validate_eligibility_form` finds no question left;
then `action_eligibility_result` answers. What the person told us lives only in slots, so
it expires with the conversation. Each action reads the tracker, calls one step, sends its
messages and sets its slots; the catalogue's own actions answer what the step hands over.
"""
from __future__ import annotations

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
from bot.eligibility.chat import CATEGORY_ENTITY, SERVICE_ENTITY
from bot.eligibility.chat_texts import Message, default_context
from bot.eligibility.intake import (
    ANSWER_OR_CHOICE,
    ANSWER_SLOT,
    CATALOGUE_ANSWER,
    FORM,
    Check,
    Reply,
    answer,
    ask,
    finish,
    start,
    stop,
)
from bot.responses.message import conversation_language


def _entity(message: dict[str, Any], name: str) -> str | None:
    for entity in message.get("entities") or []:
        if entity.get("entity") == name and isinstance(entity.get("value"), str):
            return str(entity["value"])
    return None


def _reply(tracker: Tracker) -> Reply:
    message = tracker.latest_message or {}
    intent = message.get("intent") or {}
    typed = tracker.get_slot(ANSWER_SLOT)
    return Reply(text=str(message.get("text") or ""), intent=intent.get("name"),
                 confidence=float(intent.get("confidence") or 0),
                 service=_entity(message, SERVICE_ENTITY),
                 category=_entity(message, CATEGORY_ENTITY),
                 answer=str(typed) if typed else None)


def _check(tracker: Tracker) -> Check:
    return Check.from_slots(tracker.slots, default_context().book)


def _send(dispatcher: CollectingDispatcher, messages: list[Message]) -> None:
    for message in messages:
        dispatcher.utter_message(**message.kwargs())


def _slots(slots: dict[str, Any]) -> list[EventType]:
    return [SlotSet(name, value) for name, value in slots.items()]


class ActionEligibilityStart(Action):
    def name(self) -> str:
        return "action_eligibility_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        begun = start(_reply(tracker), conversation_language(tracker.slots), _check(tracker),
                      tracker.get_slot("service"), lambda: decided_service(tracker),
                      default_context())
        if begun.hand_over == CATALOGUE_ANSWER:
            return await ActionAnswerService().run(dispatcher, tracker, domain)
        if begun.hand_over == ANSWER_OR_CHOICE:
            answered = answer_if_clear(dispatcher, tracker, or_choice=True)
            if answered is not None:
                return answered
        _send(dispatcher, begun.messages)
        return [*_slots(begun.slots), *([FollowupAction(FORM)] if begun.start_form else [])]


class ActionAskEligibilityAnswer(Action):
    """Asks the next question the services still need, with its answer buttons."""

    def name(self) -> str:
        return "action_ask_eligibility_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        step = ask(_check(tracker), conversation_language(tracker.slots), default_context())
        _send(dispatcher, step.messages)
        return _slots(step.slots)


class ValidateEligibilityForm(FormValidationAction):
    """Reads the answer to the question just asked (or its skip), then tells the form to
    ask again while a question is left, or to finish."""

    def name(self) -> str:
        return "validate_eligibility_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        reply = _reply(tracker) if answered_just_now(tracker, FORM) else None
        step = answer(_check(tracker), reply, conversation_language(tracker.slots),
                      lambda service, kind: answer_about(dispatcher, tracker, service, kind),
                      default_context())
        if step.rejected:
            return [ActionExecutionRejected(FORM)]
        _send(dispatcher, step.messages)
        return _slots(step.slots)


class ActionEligibilityResult(Action):
    def name(self) -> str:
        return "action_eligibility_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        step = finish(_check(tracker), conversation_language(tracker.slots), default_context())
        _send(dispatcher, step.messages)
        return _slots(step.slots)


class ActionEligibilityStop(Action):
    """The person said goodbye during the questions: forget the answers."""

    def name(self) -> str:
        return "action_eligibility_stop"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        step = stop()
        _send(dispatcher, step.messages)
        return _slots(step.slots)
