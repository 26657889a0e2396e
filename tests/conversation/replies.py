"""Reads the REST channel's reply list as the turns a person sees."""
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Turn:
    text: str
    custom: dict[str, Any]
    buttons: list[dict[str, Any]]


def turns(messages: list[dict[str, Any]]) -> list[Turn]:
    """Pairs each text with the contract's custom object that follows it."""
    result: list[Turn] = []
    for message in messages:
        if "text" in message:
            result.append(Turn(message["text"], {}, message.get("buttons") or []))
        if "custom" in message:
            if result and not result[-1].custom:
                last = result.pop()
                result.append(Turn(last.text, message["custom"], last.buttons))
            else:
                result.append(Turn("", message["custom"], []))
    return result
