"""Tells the person where they can talk to someone at the city."""
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.database import engine
from bot.contact import contact_details


class ActionTalkToPerson(Action):
    def name(self) -> str:
        return "action_talk_to_person"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        details = contact_details(engine(), tracker.get_slot("language") or "en")
        dispatcher.utter_message(response="utter_talk_to_person", **details)
        return []
