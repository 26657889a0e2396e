"""Turns a response name and the conversation's language into the words the person reads.

Curated translation first, then an offline machine translation, then the English source,
and the reply says which: custom.language is the language of the text actually shown and
custom.translation how it was made (the README's reply contract). A machine-translated
reply carries the original, so a front end can show it; a reply left in English carries a
notice in the person's own language.
"""
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter
from typing import Any

from bot.domain_files import read_domain
from bot.language import text_direction
from bot.machine_translation.types import MachineTranslator, NoMachineTranslation
from bot.translation.compose import Translation, is_translation, weakest
from bot.translation.messages import SOURCE_LANGUAGE, button_context, response_context
from bot.translation.po_catalogs import PoCatalogs

NOT_TRANSLATED_NOTICE = "utter_not_translated_notice"

CONTRACT_ARGUMENTS = ("sources", "candidates", "office", "reference", "erasure_code")
#: Replies that answer nothing ("say it in other words", out of scope, "no information
#: about that"): they carry `answered: false`, every other reply `answered: true`, so front
#: ends and figures never guess from the wording (README, "Reply contract").
UNANSWERED_RESPONSES = ("utter_default", "utter_out_of_scope", "utter_service_not_found")


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


@dataclass(frozen=True)
class _Text:
    text: str
    language: str
    translation: Translation


class ResponseRenderer:
    def __init__(
        self,
        domain_folder: Path,
        catalogs: PoCatalogs,
        machine: MachineTranslator | None = None,
    ) -> None:
        domain = read_domain(domain_folder)
        self._responses: dict[str, dict[str, Any]] = {
            name: variations[0] for name, variations in (domain.get("responses") or {}).items()
        }
        self._catalogs = catalogs
        self._machine = machine or NoMachineTranslation()

    def render(self, name: str, language: str, arguments: Mapping[str, Any]) -> Reply:
        """The response in `language`, or wholly in the language its content came in.

        Actions that fill in content (catalogue texts) pass `content_language` and
        `content_translation`: a turn is never half in one language and half in another,
        and it never claims a better translation than its weakest part. `content_language`
        alone renders the turn in that language on purpose, without a notice.
        `content_original` is what the person wrote when the turn quotes its machine
        translation (bot/machine_translation/understanding.py).
        """
        source = self._responses.get(name)
        if source is None:
            raise UnknownResponse(name)
        wanted = language
        language = str(arguments.get("content_language") or language)
        source_text = source.get("text", "")
        main = self._translate(response_context(name), source_text, language)
        titles = self._button_titles(name, source, main.language)
        if any(title.language != main.language for title in titles):
            # A button the machine translation withheld: the whole turn in English, never half.
            main = _Text(source_text, SOURCE_LANGUAGE, "source")
            titles = self._button_titles(name, source, SOURCE_LANGUAGE)
        buttons = tuple(
            Button(title=title.text, payload=button["payload"])
            for title, button in zip(titles, source.get("buttons") or [], strict=True)
        )
        extra = {key: arguments[key] for key in CONTRACT_ARGUMENTS if key in arguments}
        extra["answered"] = name not in UNANSWERED_RESPONSES
        translation: str = main.translation
        content_translation = arguments.get("content_translation")
        if is_translation(content_translation):
            # A turn is only as good as its weakest part (bot.translation.compose).
            translation = weakest(main.translation, content_translation)
        if main.translation == "machine":
            extra["original"] = fill(source_text, arguments)
        if arguments.get("content_original"):
            # The turn shows a machine translation of what the person wrote (their message
            # understood through English): labelled machine, with their words as original.
            translation = "machine"
            extra["original"] = str(arguments["content_original"])
        deliberate = "content_language" in arguments and content_translation is None
        if main.language != wanted and wanted != SOURCE_LANGUAGE and not deliberate:
            notice = self._notice(wanted)
            if notice is not None:
                extra["notice"] = notice
        return Reply(
            text=fill(main.text, arguments),
            language=main.language,
            translation=translation,
            buttons=buttons,
            extra=extra,
        )

    def _button_titles(self, name: str, source: Mapping[str, Any], language: str) -> list[_Text]:
        return [
            self._translate(button_context(name, button["payload"]), button["title"], language)
            for button in source.get("buttons") or []
        ]

    def _translate(self, context: str, source_text: str, language: str) -> _Text:
        if language == SOURCE_LANGUAGE:
            return _Text(source_text, SOURCE_LANGUAGE, "source")
        curated = self._catalogs.lookup(context, source_text, language)
        if curated is not None:
            return _Text(curated, language, "curated")
        # None also when the quality gate withheld it (bot/machine_translation/quality.py).
        machine = self._machine.translate(source_text, SOURCE_LANGUAGE, language)
        if machine is not None:
            return _Text(machine.text, language, "machine")
        return _Text(source_text, SOURCE_LANGUAGE, "source")

    def _notice(self, language: str) -> dict[str, str] | None:
        """'This answer is not available in your language yet', if it is in that language."""
        source = self._responses.get(NOT_TRANSLATED_NOTICE)
        if source is None:
            return None
        notice = self._translate(response_context(NOT_TRANSLATED_NOTICE), source["text"], language)
        if notice.language != language:
            return None
        return {"text": notice.text, "language": notice.language}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def fill(text: str, arguments: Mapping[str, Any]) -> str:
    """Fills {placeholders}; a missing value leaves a blank rather than a raw {name}."""
    values = _Blank({key: value for key, value in arguments.items() if value is not None})
    return Formatter().vformat(text, (), values)
