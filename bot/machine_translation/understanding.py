"""Understanding a message in a language the assistant does not speak, through English.

When an Argos package X -> en is installed for a language X that has no curated
translations (not in bot.language.SUPPORTED; Chinese with translate-zh_en), a message that
detection gives as `unsupported: X` is machine-translated into English for NLU, and the
assistant answers in English and says so (actions/language.py). The quality gate judges
this translation too: a withheld one leaves the message not understood, and the person
gets the list of languages the assistant speaks, as before.

What a person wrote is never cached (no memory cache, no Redis): the cache holds only the
assistant's own texts, so it holds no personal data.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from bot.language import SUPPORTED, Detection
from bot.machine_translation.argos import PIVOT, ArgosTranslator
from bot.machine_translation.cache import MemoryCache
from bot.machine_translation.placeholders import escape
from bot.machine_translation.settings import TranslationSettings, settings_from_environment

# The parse-data key (rasa_addons/language_detector.py) under which Understood.as_dict() is.
MACHINE_UNDERSTANDING = "machine_understanding"


@dataclass(frozen=True)
class Understood:
    """A message machine-translated into English for understanding."""

    language: str  # ISO code of the language it was written in, e.g. "zh"
    language_name: str  # that language's English name, from the package ("Chinese")
    original: str
    english: str
    model: str

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class MessageUnderstanding:
    """Translates messages X -> en for the languages X served only by a machine."""

    def __init__(self, translator: ArgosTranslator) -> None:
        self._translator = translator

    def languages(self) -> dict[str, str]:
        """{code: English name} of the languages understood only through a machine."""
        return {
            package.source: package.source_name or package.source
            for package in self._translator.installed()
            if package.target == PIVOT and package.source not in SUPPORTED
        }

    def warm_up(self) -> list[str]:
        """Loads the models before the first message; returns the languages ready."""
        pairs = self._translator.warm_up([(code, PIVOT) for code in self.languages()])
        return [source for source, _ in pairs]

    def understand(self, text: str, detection: Detection) -> Understood | None:
        """The message in English, or None: a language we speak, no package, or withheld."""
        language = detection.unsupported
        names = self.languages()
        if not language or language not in names or not text.strip():
            return None
        result = self._translator.translate(escape(text), language, PIVOT)
        if result is None:
            return None
        return Understood(language, names[language], text, result.text.format(), result.model)

    @property
    def counts(self) -> Any:
        return self._translator.counts


def understanding_from_environment(
    settings: TranslationSettings | None = None,
) -> MessageUnderstanding:
    """One per Rasa process; never caches what a person wrote."""
    settings = dataclasses.replace(
        settings or settings_from_environment(), cache_size=0, redis_url=None
    )
    return MessageUnderstanding(ArgosTranslator(settings, MemoryCache(0)))
