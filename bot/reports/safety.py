"""Danger now, read from any message: the emergency number comes before anything else.

The check runs on the text of every message (docs/reports.md, "In chat"), in the
conversation's language first and then in every other lexicon, because a person in danger
may write in whatever language comes first. It only reads phrase lists, so it is cheap
enough to run on every turn.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bot.reports.chat_texts import (
    ChatContext,
    Content,
    Message,
    default_context,
    office_arguments,
    with_content,
)
from bot.reports.classify import DANGER_TYPES
from bot.reports.lexicon import Lexicon, find, matches, normalise

__all__ = [
    "CRY_FOR_HELP",
    "DANGER",
    "WITNESS",
    "EMERGENCY_RESPONSES",
    "danger_signal",
    "emergency_already_sent",
    "emergency_messages",
    "nothing_urgent_in_words",
]

#: A danger phrase, or an attack or threat happening now: "a man is following me".
DANGER = "danger"
#: Seeing an attack or threat on someone else, told or asked about ("what can I do if I
#: witness an attack on the bus?"): maybe happening now, so 112 as for a cry for help.
WITNESS = "witness"
#: The whole message is a cry for help ("Help!"): maybe danger, maybe not.
CRY_FOR_HELP = "cry_for_help"
EMERGENCY_RESPONSES = ("utter_report_emergency", "utter_report_emergency_check")


def _in_order(language: str | None, lexicons: Mapping[str, Lexicon]) -> list[Lexicon]:
    first = [lexicons[language]] if language is not None and language in lexicons else []
    return first + [lexicon for code, lexicon in lexicons.items() if code != language]


def _violent(lexicon: Lexicon, normalised: str) -> bool:
    return any(find(lexicon.incident.get(kind, ()), normalised) for kind in DANGER_TYPES)


def _shows_danger(lexicon: Lexicon, normalised: str) -> bool:
    if matches(lexicon.danger, normalised):
        return True
    return (_violent(lexicon, normalised) and bool(matches(lexicon.now, normalised))
            and not matches(lexicon.past, normalised))


def _witnesses_violence(lexicon: Lexicon, normalised: str) -> bool:
    return (bool(matches(lexicon.witness, normalised)) and _violent(lexicon, normalised)
            and not matches(lexicon.past, normalised))


def danger_signal(text: str, language: str | None,
                  lexicons: Mapping[str, Lexicon]) -> str | None:
    """DANGER, WITNESS, CRY_FOR_HELP or None. Button payloads ("/intent{...}") are never
    danger."""
    if not text or text.startswith("/"):
        return None
    normalised = normalise(text)
    if not normalised:
        return None
    ordered = _in_order(language, lexicons)
    if any(_shows_danger(lexicon, normalised) for lexicon in ordered):
        return DANGER
    if any(_witnesses_violence(lexicon, normalised) for lexicon in ordered):
        return WITNESS
    if any(normalised in lexicon.help_only for lexicon in ordered):
        return CRY_FOR_HELP
    return None


def nothing_urgent_in_words(text: str, language: str | None,
                            lexicons: Mapping[str, Lexicon]) -> bool:
    """No danger phrase, no attack seen, no cry for help and no word for "now" in any
    lexicon: when NLU still hears danger now ("dónde está el albergue de emergencia"), it
    is a guess from the words' sound. "یو څوک همدا اوس زما کور ته د ننوتو هڅه کوي"
    (someone is trying to get into my house right now) has "now", and is no guess."""
    if danger_signal(text, language, lexicons) is not None:
        return False
    normalised = normalise(text)
    return not any(matches(lexicon.now, normalised) for lexicon in _in_order(language, lexicons))


def emergency_message(signal: str, language: str, context: ChatContext) -> Message:
    """112 (office kind `emergency`), with the routing table's reason for a clear danger;
    "if you are in danger right now" for a cry for help or a witness."""
    emergency = context.routes.emergency

    def build(content: Content) -> dict[str, Any]:
        arguments = office_arguments(emergency.office_id, content)
        if signal == DANGER:
            arguments["why"] = content.text(emergency.why_key)
        return arguments

    response = "utter_report_emergency" if signal == DANGER else "utter_report_emergency_check"
    return with_content(response, language, context, build)


def emergency_messages(text: str, language: str,
                       context: ChatContext | None = None) -> list[dict[str, Any]]:
    """The replies to send at once when `text` shows danger now; [] otherwise.

    For `action_validate_slot_mappings`, which runs after every message:
    `for message in emergency_messages(text, language): dispatcher.utter_message(**message)`.
    Each message names its language (`content_language`), because the language slot set
    in the same action is not yet visible to the NLG endpoint.
    """
    context = context or default_context()
    signal = danger_signal(text, language, context.lexicons)
    if signal is None:
        return []
    return [emergency_message(signal, language, context).kwargs()]


def emergency_already_sent(events: Iterable[Mapping[str, Any]]) -> bool:
    """Whether an emergency reply went out since the person's last message (tracker
    events as the action server receives them), so no action repeats it."""
    for event in reversed(list(events)):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            metadata = event.get("metadata") or {}
            if metadata.get("utter_action") in EMERGENCY_RESPONSES:
                return True
    return False
