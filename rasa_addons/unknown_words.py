"""Rasa NLU component: a message made of words never seen in training is not understood.

Placed after FallbackClassifier; it predicts `nlu_fallback` when too few of the
message's words are known (bot/vocabulary.py), and leaves every other message alone.
A reference number, link or e-mail address is no word (bot.language.without_neutral_tokens):
"LB-ZTWH-8PRJ" alone is left to the classifier, which was trained on such messages, and
"status LB-ZTWH-8PRJ" is judged by "status" alone.
"""
from __future__ import annotations

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import without_neutral_tokens
from bot.vocabulary import Vocabulary, words

VOCABULARY_FILE = "vocabulary.json"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class UnknownWordsFallback(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Below this share of known words, the message is not understood.
        return {"min_known_fraction": 0.34}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self._vocabulary = vocabulary or Vocabulary(frozenset())

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> UnknownWordsFallback:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> UnknownWordsFallback:
        with model_storage.read_from(resource) as folder:
            known = json.loads((folder / VOCABULARY_FILE).read_text(encoding="utf-8"))
        return cls(config, model_storage, resource, Vocabulary(frozenset(known)))

    def train(self, training_data: TrainingData) -> Resource:
        vocabulary = Vocabulary.from_texts(
            example.get(TEXT) for example in training_data.intent_examples if example.get(TEXT)
        )
        with self._storage.write_to(self._resource) as folder:
            (folder / VOCABULARY_FILE).write_text(
                json.dumps(sorted(vocabulary.known), ensure_ascii=False), encoding="utf-8"
            )
        return self._resource

    def _understood(self, text: str) -> bool:
        """Enough known words, once reference numbers, links and addresses are set aside."""
        rest = without_neutral_tokens(text)
        if rest != text and not words(rest):
            return True
        return self._vocabulary.known_fraction(rest) >= self._config["min_known_fraction"]

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            if not self._understood(text):
                fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
                message.data[INTENT] = fallback
                message.data.setdefault(INTENT_RANKING_KEY, [])
                message.data[INTENT_RANKING_KEY].insert(0, fallback)
        return messages
