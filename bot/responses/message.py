"""The two ends of rendering a response for a conversation: what goes in and what comes out.

Shared by the NLG endpoint of the action server and the in-process generator of the Rasa
server (rasa_addons/nlg.py), so a response reads the same whichever of them renders it.
"""
from collections.abc import Iterable, Mapping
from typing import Any

from bot.responses.render import Reply, ResponseRenderer
from bot.responses.shared_arguments import shared_arguments


def conversation_language(slots: Mapping[str, Any]) -> str:
    return str(slots.get("language") or "en")


def response_arguments(
    language: str, slots: Mapping[str, Any], arguments: Mapping[str, Any]
) -> dict[str, Any]:
    """Values a response may fill in: the city's, then the conversation's slots, then the
    values the action passed, each overriding the one before."""
    return {
        **shared_arguments(language),
        **{name: value for name, value in slots.items() if isinstance(value, str)},
        **arguments,
    }


def reply_message(reply: Reply) -> dict[str, Any]:
    """The message as Rasa sends it on: text, buttons and the reply contract's `custom`."""
    return {
        "text": reply.text,
        "buttons": [{"title": button.title, "payload": button.payload} for button in reply.buttons],
        "custom": reply.custom(),
    }


def channel_messages(sender: str, reply: Reply) -> list[dict[str, Any]]:
    """A reply the REST channel (or the web relay) makes itself, as Rasa's REST channel
    sends a rendered response: its text, then the reply contract's `custom`."""
    return [{"recipient_id": sender, "text": reply.text},
            {"recipient_id": sender, "custom": reply.custom()}]


def own_reply(renderer: ResponseRenderer, sender: str, response: str, language: str,
              arguments: Mapping[str, Any]) -> list[dict[str, Any]]:
    """`response` rendered in `language` by the REST channel or the web relay itself (a
    polite reply, 112 first), with the city's values, as channel messages."""
    rendered = renderer.render(response, language, response_arguments(language, {}, arguments))
    return channel_messages(sender, rendered)


def turn_answered(messages: Iterable[Any]) -> bool:
    """Whether a turn (the REST channel's reply list) answered the person: no message of it
    says `custom.answered: false`. The one reading of "unanswered", for the usage figures,
    the metrics and the benchmarks."""
    return not any(
        isinstance(message, Mapping) and isinstance(message.get("custom"), Mapping)
        and message["custom"].get("answered") is False
        for message in messages
    )
