"""Intent and catalogue-search accuracy per language on held-out questions.

The questions in tests/catalogue_answers/heldout/<lang>.yml are never used for training
(data/nlu/catalogue) nor for tuning the search: they measure how the assistant does on
questions it has not seen. For each language it prints:

  intent   share of questions whose intent the trained model gets right (nlu_fallback
           counts as wrong); needs a trained model (--model; skipped with --search-only)
  fallback share classified nlu_fallback
  top-1    share whose expected service is the service ranker's first
  top-3    share whose expected service is among the ranker's first three
  answer   share the assistant answers at once with the right service (ranker and word
           search together, bot.catalogue.decide)
  choose   share where it offers buttons that include the right service
  wrong    share it answers at once with a wrong service (the harmful case)
  e2e      share that reaches the catalogue (a question intent, nlu_fallback, or
           out_of_scope overruled) and gets the right service answered at once: what a
           person gets in chat (with a model only)

    .venv/bin/python bench/catalogue_accuracy.py [--model models/city-assistant.tar.gz]
                                                 [--heldout DIR] [--search-only] [--misses]
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.catalogue import CatalogueData, load_catalogue_files  # noqa: E402
from bot.catalogue.decide import decide  # noqa: E402
from bot.catalogue.ranker import NONE, ServiceRanker, background_examples  # noqa: E402
from bot.catalogue.search import (  # noqa: E402
    SearchIndex,
    example_questions,
    interpret,
    service_index,
    service_titles,
)
from bot.catalogue.translatable import default_catalogs  # noqa: E402
from bot.paths import catalogue_dir  # noqa: E402
from bot.semantics import EMBEDDING_KEY, default_embedder, unpack  # noqa: E402

HELDOUT = ROOT / "tests" / "catalogue_answers" / "heldout"
NLU = ROOT / "data" / "nlu" / "catalogue"
MODEL = ROOT / "models" / "city-assistant.tar.gz"
QUESTION_INTENTS = {"ask_service", "ask_where", "ask_how", "ask_who"}
REACHES_CATALOGUE = QUESTION_INTENTS | {"nlu_fallback", "out_of_scope"}


@dataclass
class Tally:
    questions: int = 0
    intent: int = 0
    fallback: int = 0
    top1: int = 0
    top3: int = 0
    answer: int = 0
    choose: int = 0
    wrong: int = 0
    e2e: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("questions", "intent", "fallback", "top1", "top3", "answer", "choose",
                     "wrong", "e2e"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def heldout(folder: Path) -> dict[str, list[dict[str, str]]]:
    questions: dict[str, list[dict[str, str]]] = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        questions[data["language"]] = list(data["questions"])
    return questions


def catalogue_index() -> tuple[CatalogueData, dict[str, list[str]], SearchIndex]:
    """The sample catalogue, each service's titles in every language, and its word search,
    as the action server builds them (also for bench/ranker_folds.py)."""
    data = load_catalogue_files(catalogue_dir())
    catalogs = default_catalogs()
    titles = service_titles(data.services, catalogs, data.city.languages)
    index = service_index(list(data.services), catalogs, data.city.languages,
                          example_questions(NLU))
    return data, titles, index


def search_index() -> tuple[SearchIndex, ServiceRanker]:
    data, titles, index = catalogue_index()
    return index, ServiceRanker(data.services, titles, background_examples(), default_embedder())


async def _parse(model: Path, texts: list[str]) -> list[dict[str, Any]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    return [await agent.parse_message(text) for text in texts]


def measure(
    questions: dict[str, list[dict[str, str]]], searchers: tuple[SearchIndex, ServiceRanker],
    model: Path | None,
) -> dict[str, Tally]:
    index, ranker = searchers
    parsed: dict[str, dict[str, Any]] = {}
    if model is not None:
        texts = [question["text"] for items in questions.values() for question in items]
        parsed = dict(zip(texts, asyncio.run(_parse(model, texts)), strict=True))
    tallies: dict[str, Tally] = {}
    for language, items in questions.items():
        tally = tallies.setdefault(language, Tally())
        for question in items:
            tally.questions += 1
            expected = question["service"]
            parse = parsed.get(question["text"]) or {}
            intent = str((parse.get("intent") or {}).get("name")) if parse else None
            packed = parse.get(EMBEDDING_KEY)
            vector = unpack(packed) if isinstance(packed, str) else None
            if vector is None:
                vector = ranker.embed(question["text"])
            ranked, sharp = ranker.rank(vector), ranker.rank_sharp(vector)
            found = [item.service_id for item in ranked if item.service_id != NONE]
            lexical = interpret(index.search(question["text"]),
                                index.known_share(question["text"]))
            decision = decide(ranked, lexical, out_of_scope=intent == "out_of_scope",
                              sharp=sharp)
            chosen = list(decision.service_ids)
            tally.top1 += found[:1] == [expected]
            tally.top3 += expected in found[:3]
            tally.answer += decision.kind == "answer" and chosen == [expected]
            tally.choose += decision.kind == "choose" and expected in chosen
            tally.wrong += decision.kind == "answer" and chosen != [expected]
            tally.intent += intent == question["intent"]
            tally.fallback += intent == "nlu_fallback"
            tally.e2e += intent in REACHES_CATALOGUE and decision.kind == "answer" and (
                chosen == [expected])
            if found[:1] != [expected] or (intent is not None and intent != question["intent"]):
                tally.misses.append(
                    f"{language}: {question['text']!r} expected {question['intent']}/{expected}, "
                    f"got {intent}/{decision.kind}:{','.join(chosen) or '-'} top3={found}"
                )
    return tallies


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "    -"


def table(tallies: dict[str, Tally], with_intents: bool) -> str:
    header = ["lang", "n", "intent", "fallback", "top-1", "top-3", "answer", "choose", "wrong",
              "e2e"]
    lines = [" ".join(f"{name:>8}" for name in header)]
    total = Tally()
    for language, tally in [*sorted(tallies.items()), ("all", total)]:
        if language != "all":
            total.add(tally)
        cells = [
            language,
            str(tally.questions),
            _percent(tally.intent, tally.questions) if with_intents else "    -",
            _percent(tally.fallback, tally.questions) if with_intents else "    -",
            _percent(tally.top1, tally.questions),
            _percent(tally.top3, tally.questions),
            _percent(tally.answer, tally.questions),
            _percent(tally.choose, tally.questions),
            _percent(tally.wrong, tally.questions),
            _percent(tally.e2e, tally.questions) if with_intents else "    -",
        ]
        lines.append(" ".join(f"{cell:>8}" for cell in cells))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--heldout", type=Path, default=HELDOUT)
    parser.add_argument("--search-only", action="store_true", help="skip the intent model")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    arguments = parser.parse_args()
    model = None if arguments.search_only else arguments.model
    if model is not None and not model.exists():
        parser.error(f"no model at {model}: train with scripts/train.sh or pass --search-only")
    started = time.monotonic()
    tallies = measure(heldout(arguments.heldout), search_index(), model)
    print(table(tallies, model is not None))
    print(f"({time.monotonic() - started:.0f} s; percentages of held-out questions)")
    if arguments.misses:
        for tally in tallies.values():
            for miss in tally.misses:
                print(miss)


if __name__ == "__main__":
    main()
