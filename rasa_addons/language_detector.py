"""Rasa NLU component that records the detected language of every message.

It runs first in the pipeline and adds `language_detection` to the parse data, so
actions read it from tracker.latest_message; the reply language itself is decided
by bot.language.decide with the conversation's history.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import detect

LANGUAGE_DETECTION = "language_detection"


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
        return cls()

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
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples need no language tag: return them unchanged."""
        return training_data
