"""Turns a response name and the conversation's language into the words the person reads.

Curated translation first; the English source when none exists, said so in the reply, so
a front end can tell the person. Every reply carries the contract fields of the README:
custom.language (the language of the text actually shown) and custom.translation.
"""
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter
from typing import Any, Mapping

from bot.domain_files import read_domain
from bot.language import text_direction
from bot.translation.messages import SOURCE_LANGUAGE, button_context, response_context
from bot.translation.po_catalogs import PoCatalogs

CONTRACT_ARGUMENTS = ("sources", "office", "reference")
# How trustworthy a text's translation is; a turn is only as good as its weakest part.
TRANSLATION_RANK = {"source": 0, "machine": 1, "curated": 2}


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    language: str
    translation: str
    buttons: tuple[Button, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    def custom(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "translation": self.translation,
            "direction": text_direction(self.language),
            **self.extra,
        }


class UnknownResponse(KeyError):
    """The domain has no response of that name."""


class ResponseRenderer:
    def __init__(self, domain_folder: Path, catalogs: PoCatalogs) -> None:
        domain = read_domain(domain_folder)
        self._responses: dict[str, dict[str, Any]] = {
            name: variations[0] for name, variations in (domain.get("responses") or {}).items()
        }
        self._catalogs = catalogs

    def render(self, name: str, language: str, arguments: Mapping[str, Any]) -> Reply:
        """The response in `language`, or wholly in the language its content came in.

        Actions that fill in content (catalogue texts) pass `content_language` and
        `content_translation`: a turn is never half in one language and half in another,
        and it never claims a better translation than its weakest part.
        """
        source = self._responses.get(name)
        if source is None:
            raise UnknownResponse(name)
        language = str(arguments.get("content_language") or language)
        text, shown_language = self._translate(
            response_context(name), source.get("text", ""), language
        )
        buttons = tuple(
            Button(
                title=self._translate(
                    button_context(name, button["payload"]), button["title"], language
                )[0],
                payload=button["payload"],
            )
            for button in source.get("buttons") or []
        )
        extra = {key: arguments[key] for key in CONTRACT_ARGUMENTS if key in arguments}
        translation = "curated" if shown_language != SOURCE_LANGUAGE else "source"
        content_translation = arguments.get("content_translation")
        if content_translation in TRANSLATION_RANK:
            translation = min(translation, content_translation, key=TRANSLATION_RANK.__getitem__)
        return Reply(
            text=fill(text, arguments),
            language=shown_language,
            translation=translation,
            buttons=buttons,
            extra=extra,
        )

    def _translate(self, context: str, source_text: str, language: str) -> tuple[str, str]:
        if language != SOURCE_LANGUAGE:
            translated = self._catalogs.lookup(context, source_text, language)
            if translated is not None:
                return translated, language
        return source_text, SOURCE_LANGUAGE


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def fill(text: str, arguments: Mapping[str, Any]) -> str:
    """Fills {placeholders}; a missing value leaves a blank rather than a raw {name}."""
    values = _Blank({key: value for key, value in arguments.items() if value is not None})
    return Formatter().vformat(text, (), values)
