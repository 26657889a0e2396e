"""The base of the NLU components that overrule the intent classifier for one kind of
message, by rules it cannot learn from examples: "I want to learn German" is no request for
a reply language (language_detector.LanguageRequestCheck), a bare report reference asks for
its status (report_reference.ReferenceIntent). Placed after the intent classifiers."""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


class IntentOverride(GraphComponent, IntentClassifier):
    """Sets the intent `overrule` returns for a typed message (None: leave it), first in
    the ranking with the confidence the classifier gave, or `confidence` when set."""

    #: The confidence of the overruling intent; None keeps the classifier's.
    confidence: float | None = None

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config

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
    ) -> IntentOverride:
        return cls({**cls.get_default_config(), **config})

    def overrule(self, text: str, intent: str | None) -> str | None:
        """The intent `text` has whatever the classifier said (`intent`), or None."""
        raise NotImplementedError

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            given = message.get(INTENT) or {}
            name = self.overrule(text, given.get("name"))
            if name is None:
                continue
            confidence = self.confidence if self.confidence is not None else given.get(
                "confidence", 1.0)
            chosen = {"name": name, "confidence": confidence}
            ranking = [item for item in message.get(INTENT_RANKING_KEY) or []
                       if item.get("name") not in (name, given.get("name"))]
            message.data[INTENT] = chosen
            message.data[INTENT_RANKING_KEY] = [chosen, *ranking]
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples keep their labels: return them unchanged."""
        return training_data
