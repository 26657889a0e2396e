"""Rasa NLU component: a message that is only a report reference asks about that report.

A reference ("LB-7K3Q-9XRM", typed back as "lb 7k3q 9xrm") is random letters and digits,
so the intent classifier reads it by chance: a model trained for 25 epochs took 17 of 62
fresh references for "yes", "hello" or nothing it knew, and the person got a greeting
instead of their report's status. The reference is recognised by its form and checksum
(bot.reports.followup.only_a_reference), and nothing is left to the classifier.
"""
from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.reports.followup import only_a_reference

REPORT_STATUS_INTENT = "report_status"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class ReferenceIntent(GraphComponent, IntentClassifier):
    """Placed last among the intent components: a bare reference is `report_status`."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": REPORT_STATUS_INTENT}

    def __init__(self, config: dict[str, Any]) -> None:
        self._intent = config["intent"]

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
    ) -> ReferenceIntent:
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/") or not only_a_reference(text):
                continue
            status = {"name": self._intent, "confidence": 1.0}
            ranking = [item for item in message.get(INTENT_RANKING_KEY) or []
                       if item.get("name") != self._intent]
            message.data[INTENT] = status
            message.data[INTENT_RANKING_KEY] = [status, *ranking]
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples keep their labels: return them unchanged."""
        return training_data
