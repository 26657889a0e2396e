"""Rasa NLU component: a message made of words never seen in training is not understood.

Placed after FallbackClassifier; it predicts `nlu_fallback` when too few of the
message's words are known (bot/vocabulary.py), and leaves every other message alone.

Likewise for the small-talk intents named in `own_words_intents`: DIET gave "guarderia"
(a nursery) `greet` and "free german conversation group?" `restart` with confidence 0.99,
though no word of either is in those intents' examples. A message that shares too few
words with the examples of the small-talk intent it was given (`min_own_fraction`) is
`nlu_fallback` too, which the catalogue search answers (actions/catalogue.py). Yes and no
are left alone: inside a form, "yes, on the bus" answers its question.
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
INTENT_VOCABULARY_FILE = "intent_vocabulary.json"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class UnknownWordsFallback(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Below this share of known words, the message is not understood.
        return {"min_known_fraction": 0.34, "own_words_intents": [], "min_own_fraction": 0.5}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vocabulary: Vocabulary | None = None,
        intent_vocabularies: dict[str, Vocabulary] | None = None,
    ) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self._vocabulary = vocabulary or Vocabulary(frozenset())
        self._intent_vocabularies = intent_vocabularies or {}

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
            per_intent = folder / INTENT_VOCABULARY_FILE
            own = json.loads(per_intent.read_text(encoding="utf-8")) if per_intent.exists() else {}
        return cls(config, model_storage, resource, Vocabulary(frozenset(known)),
                   {intent: Vocabulary(frozenset(words)) for intent, words in own.items()})

    def train(self, training_data: TrainingData) -> Resource:
        examples = [example for example in training_data.intent_examples if example.get(TEXT)]
        vocabulary = Vocabulary.from_texts(example.get(TEXT) for example in examples)
        own = {
            intent: sorted(Vocabulary.from_texts(
                example.get(TEXT) for example in examples if example.get(INTENT) == intent
            ).known)
            for intent in self._config["own_words_intents"]
        }
        with self._storage.write_to(self._resource) as folder:
            (folder / VOCABULARY_FILE).write_text(
                json.dumps(sorted(vocabulary.known), ensure_ascii=False), encoding="utf-8"
            )
            (folder / INTENT_VOCABULARY_FILE).write_text(
                json.dumps(own, ensure_ascii=False), encoding="utf-8"
            )
        return self._resource

    def _understood(self, text: str) -> bool:
        """Enough known words, once reference numbers, links and addresses are set aside."""
        rest = without_neutral_tokens(text)
        if rest != text and not words(rest):
            return True
        return self._vocabulary.known_fraction(rest) >= self._config["min_known_fraction"]

    def _small_talk_of_other_words(self, text: str, intent: str | None) -> bool:
        """Given a small-talk intent whose examples share too few of the message's words."""
        own = self._intent_vocabularies.get(intent or "")
        return own is not None and (
            own.known_fraction(without_neutral_tokens(text)) < self._config["min_own_fraction"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or text.startswith("/"):
                continue
            intent = (message.get(INTENT) or {}).get("name")
            if not self._understood(text) or self._small_talk_of_other_words(text, intent):
                fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
                message.data[INTENT] = fallback
                message.data.setdefault(INTENT_RANKING_KEY, [])
                message.data[INTENT_RANKING_KEY].insert(0, fallback)
        return messages
