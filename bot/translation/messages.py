"""The translatable source messages of the product, in the source language (English).

Each message has a context that says where it is used, so the same English text can be
translated differently in two places, and a translation is found again after the source
text moved. Response texts come from the Rasa domain, which stays the one source of truth.
"""
from dataclasses import dataclass
from pathlib import Path
from string import Formatter

from bot.domain_files import read_domain_file

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class SourceMessage:
    context: str
    text: str

    @property
    def placeholders(self) -> frozenset[str]:
        return placeholders(self.text)


def placeholders(text: str) -> frozenset[str]:
    """The {names} a text expects to be filled in; translations must keep the same set."""
    try:
        return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
    except ValueError:
        return frozenset({"<unbalanced braces>"})


def response_context(response: str) -> str:
    return f"response:{response}"


def button_context(response: str, payload: str) -> str:
    return f"response:{response}:button:{payload}"


def response_messages(domain_file: Path) -> list[SourceMessage]:
    """Every response text and button title of one domain file, in file order."""
    domain = read_domain_file(domain_file)
    messages: list[SourceMessage] = []
    for name, variations in (domain.get("responses") or {}).items():
        for variation in variations:
            if variation.get("text"):
                messages.append(SourceMessage(response_context(name), variation["text"]))
            for button in variation.get("buttons") or []:
                messages.append(
                    SourceMessage(button_context(name, button["payload"]), button["title"])
                )
    return messages
