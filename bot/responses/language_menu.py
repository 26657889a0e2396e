"""Buttons and lists that let a person pick a language, each shown in its own name and script."""
import json
from typing import Any

from bot.language import CITY_LANGUAGE, LANGUAGE_NAMES, SUPPORTED
from bot.translation.messages import SOURCE_LANGUAGE

# Who cannot be served in their language is told so in English and the city's language.
UNSUPPORTED_NOTICE_LANGUAGES: tuple[str, ...] = (SOURCE_LANGUAGE, CITY_LANGUAGE)


def choose_language_payload(language: str) -> str:
    return "/choose_language" + json.dumps({"language": language}, separators=(",", ":"))


def language_button(language: str) -> dict[str, str]:
    return {"title": LANGUAGE_NAMES[language], "payload": choose_language_payload(language)}


def switch_back_offer(previous: str) -> dict[str, Any]:
    """Arguments of utter_language_switched: one button back to the previous language."""
    return {"buttons": [language_button(previous)]}


def language_list() -> str:
    return ", ".join(LANGUAGE_NAMES[language] for language in SUPPORTED)


def all_language_buttons() -> list[dict[str, str]]:
    return [language_button(language) for language in SUPPORTED]
