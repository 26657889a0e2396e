"""Rasa NLU components for the reply language.

LanguageDetector runs first in the pipeline and adds `language_detection` to the parse
data, so actions read it from tracker.latest_message; the reply language itself is decided
by bot.language.decide with the conversation's history. LanguageRequestCheck runs after the
intent classifiers and keeps `choose_language` only for real requests for a language.

A message in a language we do not speak but an installed Argos package translates into
English (Chinese with translate-zh_en) is translated here, before the tokenizer: NLU reads
the English text, and `machine_understanding` (bot.machine_translation.understanding)
keeps the original for the reply. Here rather than in the REST channel, so every channel
gets it and NLU alone sees the translation.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import detect, explicit_choice
from bot.machine_translation.understanding import (
    MACHINE_UNDERSTANDING,
    MessageUnderstanding,
    understanding_from_environment,
)
from rasa_addons.intent_override import IntentOverride

LANGUAGE_DETECTION = "language_detection"
CHOOSE_LANGUAGE_INTENT = "choose_language"
logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class LanguageDetector(GraphComponent):
    """Adds {"language", "confidence", "reason", "unsupported"} to each parsed message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @staticmethod
    def supported_languages() -> None:
        return None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        # Load the n-gram profiles and frequency tables now, not on the first user message.
        detect("Hello, warm up")
        understanding = understanding_from_environment()
        ready = understanding.warm_up()
        if ready:
            logger.info("machine translation: understanding %s through English", ", ".join(ready))
        return cls(understanding)

    def __init__(self, understanding: MessageUnderstanding | None = None) -> None:
        self._understanding = understanding

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            found = detect(text)
            message.set(
                LANGUAGE_DETECTION,
                {
                    "language": found.language,
                    "confidence": found.confidence,
                    "reason": found.reason,
                    "unsupported": found.unsupported,
                },
                add_to_output=True,
            )
            understood = self._understanding and self._understanding.understand(text, found)
            if understood:
                message.set(TEXT, understood.english)
                message.set(MACHINE_UNDERSTANDING, understood.as_dict(), add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples need no language tag: return them unchanged."""
        return training_data


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class LanguageRequestCheck(IntentOverride):
    """Turns `choose_language` into `nlu_fallback` unless the words really ask for a language.

    Placed after the intent classifiers. "I want to learn German", "Deutschkurs" or
    "Arabic-speaking doctor" name a language inside a need; the classifier, trained on
    "English please" and "I want Farsi", takes them for a request to change the reply
    language. The need then goes to the catalogue search (the nlu_fallback rule). A request
    is what bot.language.explicit_choice recognises ("please answer in English", "auf
    Deutsch bitte"); the picker's buttons and metadata do not pass through here.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": CHOOSE_LANGUAGE_INTENT}

    def overrule(self, text: str, intent: str | None) -> str | None:
        if intent != self._config["intent"] or explicit_choice(text) is not None:
            return None
        return DEFAULT_NLU_FALLBACK_INTENT_NAME
