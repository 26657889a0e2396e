"""Decides the conversation's language after every message (a custom slot mapping)."""
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.language import SUPPORTED, Detection, decide


class ActionDetectLanguage(Action):
    def name(self) -> str:
        return "action_detect_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        if text.startswith("/"):
            text = ""
        requested = (message.get("metadata") or {}).get("language")
        explicit = requested if requested in SUPPORTED else None
        detected = message.get("language_detection")
        detection = Detection(**detected) if isinstance(detected, dict) else None
        current = tracker.get_slot("language")
        decision = decide(text, current=current, explicit=explicit, detection=detection)
        events: list[EventType] = [SlotSet("language", decision.language)]
        if decision.switched and decision.previous:
            events.append(SlotSet("language_previous", decision.previous))
        return events
