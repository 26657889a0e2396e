"""Which service a message is about, by meaning: a classifier over sentence embeddings.

Learnt when the catalogue is read (not when the Rasa model is trained), from what the
catalogue says about each service in every language: the questions people ask about it
(services_catalogue/questions), its titles and its keywords. A city that adds a service
with its questions has it found at the next catalogue refresh. Messages that are about no
service (the out-of-scope examples of the NLU data, and the catalogue's not_offered.yml)
are learnt as a class of their own, so "where can I buy a fishing licence" is not forced
onto the nearest service.

The embeddings of all these texts are computed once and kept (bot.semantics); a message's
embedding comes from the NLU pipeline with the parse data, or is computed here.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.catalogue.not_offered import not_offered_messages
from bot.catalogue.search import intent_examples
from bot.catalogue.types import Service
from bot.paths import PROJECT_ROOT, catalogue_dir
from bot.semantics import Embedder
from bot.semantics.embeddings import MODEL_NAME

__all__ = ["NONE", "Ranked", "ServiceRanker", "background_examples", "training_texts"]

#: The class of messages about no service of the catalogue.
NONE = ""
# Regularisation of the two classifiers learnt from the same texts. The broad one (weaker
# fit) spreads its probability over the services when a message is about none it knows
# ("where can I get a fishing licence"), so it says whether a message is about a service;
# the sharp one tells near services apart. Chosen on data we own: the team's paraphrase
# held-out set (tests/catalogue_answers/heldout) and a five-fold split of the catalogue's
# own questions (docs/answering.md), never on the real questions kept for measuring.
_C = 8.0
_SHARP_C = 32.0


def background_examples(catalogue: Path | None = None) -> list[str]:
    """Messages about no service: the out-of-scope examples of the NLU data, and the
    catalogue's list of near topics it does not offer (`not_offered.yml`: a bank account,
    car insurance), which train only this class, not the intent classifier: they made DIET
    take plain questions ("how can I find a job?") for out of scope."""
    examples = intent_examples(PROJECT_ROOT / "data" / "nlu" / "foundation", "out_of_scope")
    return examples + not_offered_messages(catalogue or catalogue_dir())


def training_texts(
    services: Iterable[Service], titles: Mapping[str, Sequence[str]], background: Sequence[str]
) -> tuple[list[str], list[str]]:
    """What the ranker learns from, and the label (service id, or NONE) of each text."""
    texts: list[str] = []
    labels: list[str] = []
    for service in services:
        own = [question.text for question in service.questions]
        own += list(titles.get(service.id, ()))
        own += [keyword.term for keyword in service.keywords]
        texts += own
        labels += [service.id] * len(own)
    texts += list(background)
    labels += [NONE] * len(background)
    return texts, labels


def _fingerprint(texts: Sequence[str], labels: Sequence[str]) -> str:
    digest = hashlib.sha256(f"{MODEL_NAME} C={_C},{_SHARP_C}".encode())
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{label}\0{text}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


@dataclass(frozen=True)
class Ranked:
    """A service and how likely the message is about it (probabilities sum to one over
    the services and NONE)."""

    service_id: str
    probability: float


class ServiceRanker:
    def __init__(
        self,
        services: Iterable[Service],
        titles: Mapping[str, Sequence[str]],
        background: Sequence[str],
        embedder: Embedder,
    ) -> None:
        """`titles`: each service's titles in every language it has one; `background`:
        messages about no service."""
        texts, labels = training_texts(services, titles, background)
        self._embedder = embedder
        self.classes: tuple[str, ...] = ()
        if len(set(labels)) < 2:
            return
        cached = embedder.cache_folder / f"ranker-{_fingerprint(texts, labels)}.npz"
        if not self._load(cached):
            self._fit(embedder.embed_many(texts, progress="service ranker"), labels)
            self._save(cached)

    def _fit(self, vectors: np.ndarray, labels: list[str]) -> None:
        from sklearn.linear_model import LogisticRegression

        models = [LogisticRegression(C=c, max_iter=300, class_weight="balanced").fit(
            vectors, labels) for c in (_C, _SHARP_C)]
        self.classes = tuple(str(label) for label in models[0].classes_)
        self._weights, self._sharp_weights = (m.coef_.astype(np.float32) for m in models)
        self._bias, self._sharp_bias = (m.intercept_.astype(np.float32) for m in models)

    def _load(self, path: Path) -> bool:
        """A ranker learnt before from exactly these texts (a catalogue refresh, a restart)."""
        try:
            with np.load(path) as stored:
                self._weights, self._bias = stored["weights"], stored["bias"]
                self._sharp_weights = stored["sharp_weights"]
                self._sharp_bias = stored["sharp_bias"]
                self.classes = tuple(str(label) for label in stored["classes"])
        except (OSError, KeyError, ValueError):
            return False
        return True

    def _save(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.partial.npz")
            np.savez(partial, weights=self._weights, bias=self._bias,
                     sharp_weights=self._sharp_weights, sharp_bias=self._sharp_bias,
                     classes=np.array(self.classes))
            partial.replace(path)
        except OSError:
            pass  # not kept: learnt again next time

    def rank(self, vector: np.ndarray, limit: int = 5) -> list[Ranked]:
        """The likeliest services (NONE included where it ranks), most likely first, by the
        broad classifier: whether the message is about a service at all."""
        return self._ranked(self._weights, self._bias, vector, limit) if self.classes else []

    def rank_sharp(self, vector: np.ndarray, limit: int = 5) -> list[Ranked]:
        """The same by the sharp classifier: which of near services it is about."""
        if not self.classes:
            return []
        return self._ranked(self._sharp_weights, self._sharp_bias, vector, limit)

    def rank_text(self, text: str, limit: int = 5) -> list[Ranked]:
        return self.rank(self.embed(text), limit)

    def embed(self, text: str) -> np.ndarray:
        return self._embedder.embed(text)

    def _ranked(self, weights: np.ndarray, bias: np.ndarray, vector: np.ndarray,
                limit: int) -> list[Ranked]:
        scores = weights @ vector + bias
        scores = np.exp(scores - scores.max())
        probabilities = scores / scores.sum()
        order = np.argsort(-probabilities)[:limit]
        return [Ranked(self.classes[i], float(probabilities[i])) for i in order]
