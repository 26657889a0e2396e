"""How the service decision does on catalogue questions the ranker did not learn from.

The catalogue's own questions (services_catalogue/questions, about 17 000 in 14 languages)
and the out-of-scope examples of the NLU data are split into five folds; for each fold the
ranker's classifiers are learnt from everything else (titles and keywords always) and the
fold's questions are decided by bot.catalogue.decide with the word search. This is the
data the ranker's regularisation (ranker._C, ranker._SHARP_C) and the decision's
thresholds are chosen on; the real questions of tests/real_questions never are. Prints, per
language and overall, the share of questions

  right    answered at once with their own service
  wrong    answered at once with another service
  choose   offered a choice (with or without their service)
  nothing  "no information"

and, for the held-out out-of-scope examples, how many were answered or offered services.
`--broad-only` leaves the sharp classifier out (the decision before it existed);
`--sharp-c` and `--broad-c` try other regularisations.

    .venv/bin/python bench/ranker_folds.py [--broad-only] [--sharp-c 32] [--broad-c 8]
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.catalogue_accuracy import catalogue_index  # noqa: E402
from bot.catalogue import ranker as ranker_module  # noqa: E402
from bot.catalogue.decide import decide  # noqa: E402
from bot.catalogue.ranker import NONE, Ranked, background_examples, training_texts  # noqa: E402
from bot.catalogue.search import interpret  # noqa: E402
from bot.semantics import default_embedder  # noqa: E402

FOLDS = 5
COLUMNS = ("right", "wrong", "choose", "nothing")


def _ranked(model: object, vectors: np.ndarray) -> list[list[Ranked]]:
    probabilities = model.predict_proba(vectors)  # type: ignore[attr-defined]
    classes = [str(label) for label in model.classes_]  # type: ignore[attr-defined]
    return [[Ranked(classes[i], float(row[i])) for i in np.argsort(-row)[:5]]
            for row in probabilities]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--broad-only", action="store_true")
    parser.add_argument("--broad-c", type=float, default=ranker_module._C)
    parser.add_argument("--sharp-c", type=float, default=ranker_module._SHARP_C)
    arguments = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    started = time.monotonic()
    data, titles, index = catalogue_index()
    embedder = default_embedder()
    items = [(service.id, question.language, question.text)
             for service in data.services for question in service.questions]
    items += [(NONE, "", text) for text in background_examples()]
    draw = random.Random(0)
    folds = [draw.randrange(FOLDS) for _ in items]
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    for fold in range(FOLDS):
        kept = {text for (_, _, text), k in zip(items, folds, strict=True) if k != fold}
        services = [dataclasses.replace(service, questions=tuple(
            question for question in service.questions if question.text in kept))
            for service in data.services]
        background = [text for (sid, _, text), k in zip(items, folds, strict=True)
                      if k != fold and sid == NONE]
        texts, labels = training_texts(services, titles, background)
        vectors = embedder.embed_many(texts)
        broad = LogisticRegression(C=arguments.broad_c, max_iter=300,
                                   class_weight="balanced").fit(vectors, labels)
        sharp = None if arguments.broad_only else LogisticRegression(
            C=arguments.sharp_c, max_iter=300, class_weight="balanced").fit(vectors, labels)
        test = [item for item, k in zip(items, folds, strict=True) if k == fold]
        test_vectors = embedder.embed_many([text for _, _, text in test])
        broad_ranked = _ranked(broad, test_vectors)
        sharp_ranked = _ranked(sharp, test_vectors) if sharp is not None else [
            [] for _ in test]
        for (expected, language, text), ranked, sharper in zip(test, broad_ranked,
                                                               sharp_ranked, strict=True):
            lexical = interpret(index.search(text), index.known_share(text))
            decision = decide(ranked, lexical, sharp=sharper)
            if expected == NONE:
                tallies["out of scope"][decision.kind] += 1
                continue
            if decision.kind == "answer":
                kind = "right" if decision.service_ids[0] == expected else "wrong"
            else:
                kind = decision.kind
            for group in (language, "all"):
                tallies[group][kind] += 1
        print(f"fold {fold + 1} of {FOLDS} done", file=sys.stderr)
    print(f"broad C={arguments.broad_c}, sharp "
          f"{'none' if arguments.broad_only else f'C={arguments.sharp_c}'}")
    print(f"{'lang':>6} {'n':>6} " + " ".join(f"{name:>8}" for name in COLUMNS))
    for group in sorted(tallies, key=lambda g: (g in ("all", "out of scope"), g)):
        if group == "out of scope":
            continue
        counts = tallies[group]
        total = sum(counts.values())
        print(f"{group:>6} {total:>6} " + " ".join(
            f"{100 * counts[name] / total:8.1f}" for name in COLUMNS))
    outside = tallies["out of scope"]
    print(f"out-of-scope examples held out: {sum(outside.values())}; answered "
          f"{outside['answer']}, offered a choice {outside['choose']}")
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
