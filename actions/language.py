"""What must happen after every message, before anything else: safety, then language.

Rasa runs `action_validate_slot_mappings` after every user message, before it predicts
the next action, and (unlike a custom slot-mapping action) lets it send messages. Danger
now gets the emergency number first, whatever the message was about (bot/reports/safety.py);
then the conversation's language is decided: a confident switch is announced with a
button back; a language we cannot serve gets the list of those we can, in English and the
city's language.
"""
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.language import LANGUAGE_NAMES, SUPPORTED, Detection, decide
from bot.machine_translation.understanding import MACHINE_UNDERSTANDING
from bot.reports.safety import emergency_messages
from bot.responses.language_menu import (
    UNSUPPORTED_NOTICE_LANGUAGES,
    all_language_buttons,
    language_list,
    switch_back_offer,
)
from bot.translation.messages import SOURCE_LANGUAGE


def _explicit_language(message: dict[str, Any]) -> str | None:
    """A language picked in the front end (metadata) or by a button (entity)."""
    requested = (message.get("metadata") or {}).get("language")
    if requested in SUPPORTED:
        return str(requested)
    for entity in message.get("entities") or []:
        if entity.get("entity") == "language" and entity.get("value") in SUPPORTED:
            return str(entity["value"])
    return None


class ActionDetectLanguage(Action):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        if text.startswith("/"):
            text = ""
        detected = message.get("language_detection")
        decision = decide(
            text,
            current=tracker.get_slot("language"),
            explicit=_explicit_language(message),
            detection=Detection(**detected) if isinstance(detected, dict) and text else None,
        )
        for emergency in emergency_messages(text, decision.language):
            dispatcher.utter_message(**emergency)
        understood = message.get(MACHINE_UNDERSTANDING)
        if isinstance(understood, dict) and decision.reason.startswith("unsupported"):
            # A language we do not speak, read through an installed X -> en model: NLU got
            # the English text; answer in English and say so, quoting what was understood.
            dispatcher.utter_message(
                response="utter_understood_by_machine_translation",
                content_language=SOURCE_LANGUAGE,
                content_original=understood["original"],
                language_name=understood["language_name"],
                understood=understood["english"],
            )
            return [SlotSet("language", SOURCE_LANGUAGE)]
        events: list[EventType] = [SlotSet("language", decision.language)]
        if decision.switched and decision.previous and decision.reason.startswith("detected"):
            events.append(SlotSet("language_previous", decision.previous))
            # Rendered before Rasa applies this action's SlotSet: name the language here.
            dispatcher.utter_message(
                response="utter_language_switched",
                content_language=decision.language,
                language_name=LANGUAGE_NAMES[decision.language],
                **switch_back_offer(decision.previous),
            )
        if decision.reason.startswith("unsupported"):
            last = UNSUPPORTED_NOTICE_LANGUAGES[-1]
            for language in UNSUPPORTED_NOTICE_LANGUAGES:
                dispatcher.utter_message(
                    response="utter_unsupported_language",
                    content_language=language,
                    language_list=language_list(),
                    buttons=all_language_buttons() if language == last else [],
                )
        return events
