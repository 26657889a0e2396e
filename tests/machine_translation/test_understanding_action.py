"""After a message understood through English, the assistant says in English that it answers
in English (quoting what it understood) instead of listing the languages it speaks."""
from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ActionDetectLanguage
from bot.language import detect

CHINESE = "我怎么给孩子报名上学？"
ENGLISH = "How do I get my kids to enroll in school?"


def _run(message: dict[str, Any], language: str | None = None) -> tuple[list, list]:
    tracker = Tracker(
        "zh-test", {"language": language}, message, [], False, None, {}, "action_listen"
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionDetectLanguage().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def _detection(text: str) -> dict[str, Any]:
    found = detect(text)
    return {"language": found.language, "confidence": found.confidence,
            "reason": found.reason, "unsupported": found.unsupported}


def test_a_message_understood_through_english_is_answered_in_english_and_says_so() -> None:
    message = {
        "text": ENGLISH,  # what NLU read: the component replaced the Chinese
        "language_detection": _detection(CHINESE),
        "machine_understanding": {
            "language": "zh", "language_name": "Chinese", "original": CHINESE,
            "english": ENGLISH, "model": "argos:zh-en@1.9#x",
        },
    }
    for conversation_language in (None, "de"):
        messages, events = _run(message, conversation_language)
        [said] = messages
        assert said["response"] == "utter_understood_by_machine_translation"
        assert said["content_language"] == "en" and said["content_original"] == CHINESE
        assert (said["language_name"], said["understood"]) == ("Chinese", ENGLISH)
        assert events == [SlotSet("language", "en")]


def test_without_a_package_an_unsupported_language_still_gets_the_list_of_languages() -> None:
    messages, events = _run({"text": CHINESE, "language_detection": _detection(CHINESE)})
    assert {m["response"] for m in messages} == {"utter_unsupported_language"}
    assert events == [SlotSet("language", "en")]
