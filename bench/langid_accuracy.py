"""Accuracy and latency of our language detector against plain langdetect.

Reads the lingua test data (see ../shared/langid/README.md) for every supported
language it has, and prints accuracy per language and per length for:
  ours        bot.language.detect
  ld-all      langdetect with all its profiles
  ld-ours     langdetect with only the profiles of our supported languages
plus the mean latency per message. This data is a test set: never tune on it.

    .venv/bin/python bench/langid_accuracy.py [--limit N] [--data DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.language import SUPPORTED, detect  # noqa: E402
from bot.language import _ngrams  # noqa: E402

LENGTHS = ("single-words", "word-pairs", "sentences")
LINGUA_HIGH_ACCURACY = {"single-words": 82.5, "word-pairs": 94.9, "sentences": 99.4}
LANGDETECT_PUBLISHED = {
    "ld-all": {"single-words": 53.0, "word-pairs": 75.0, "sentences": 98.6},
    "ld-ours": {"single-words": 63.0, "word-pairs": 83.0, "sentences": 99.1},
}


def _ours(text: str) -> str | None:
    return detect(text).language


def _langdetect(kind: str) -> Callable[[str], str | None]:
    def run(text: str) -> str | None:
        probs = _ngrams.probabilities(text, kind)
        if not probs:
            return None
        return max(probs, key=probs.__getitem__).split("-")[0]

    return run


DETECTORS: dict[str, Callable[[str], str | None]] = {
    "ours": _ours,
    "ld-all": _langdetect("all"),
    "ld-ours": _langdetect("supported"),
}


def _samples(data: Path, length: str, language: str, limit: int | None) -> list[str]:
    path = data / "language-testdata" / length / f"{language}.txt"
    if not path.exists():
        return []
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return lines[:limit] if limit else lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "langid")
    parser.add_argument("--limit", type=int, default=None, help="lines per file (default all)")
    args = parser.parse_args()

    for name, detector in DETECTORS.items():  # load lazily built statistics before timing
        detector("warm up")
    languages = [c for c in SUPPORTED if _samples(args.data, "sentences", c, 1)]
    missing = [c for c in SUPPORTED if c not in languages]
    correct: dict[tuple[str, str, str], float] = {}
    seconds = dict.fromkeys(DETECTORS, 0.0)
    messages = 0
    for language in languages:
        for length in LENGTHS:
            samples = _samples(args.data, length, language, args.limit)
            messages += len(samples)
            for name, detector in DETECTORS.items():
                start = time.perf_counter()
                hits = sum(1 for text in samples if detector(text) == language)
                seconds[name] += time.perf_counter() - start
                correct[(name, language, length)] = 100.0 * hits / max(1, len(samples))

    names = list(DETECTORS)
    header = f"{'lang':<5}" + "".join(
        f"| {length:<23}" for length in LENGTHS
    )
    print(f"Accuracy in % on {args.data} (limit {args.limit or 'all'}); columns: {', '.join(names)}")
    print(f"Not in the data: {', '.join(missing) or 'none'}")
    print(header)
    for language in languages:
        row = f"{language:<5}"
        for length in LENGTHS:
            row += "| " + " ".join(f"{correct[(n, language, length)]:6.1f}" for n in names) + "  "
        print(row)
    row = f"{'mean':<5}"
    for length in LENGTHS:
        means = [sum(correct[(n, c, length)] for c in languages) / len(languages) for n in names]
        row += "| " + " ".join(f"{m:6.1f}" for m in means) + "  "
    print(row)
    print()
    print("Lingua high accuracy, published (17 languages): "
          + ", ".join(f"{k} {v}" for k, v in LINGUA_HIGH_ACCURACY.items()))
    for name, figures in LANGDETECT_PUBLISHED.items():
        print(f"{name} published (17 languages): " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    print()
    print(f"Mean latency per message over {messages} messages:")
    for name in names:
        print(f"  {name:<8} {1000.0 * seconds[name] / max(1, messages):7.3f} ms")


if __name__ == "__main__":
    main()
