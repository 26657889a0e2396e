"""Accuracy and latency of our language detector against lingua and plain langdetect.

Reads the lingua test data (see ../shared/langid/README.md) for every supported
language it has, and prints accuracy per language and per length for:
  ours        bot.language.detect
  lingua-hi   lingua-language-detector 2.1.1, high accuracy, only the languages in the data
  lingua-lo   the same in low-accuracy mode
  ld-all      langdetect with all its profiles
  ld-ours     langdetect with only the profiles of our supported languages
on the same lines in the same run, then ours minus lingua-hi per language and length, and
the mean latency per message. This data is a test set: never tune on it.

lingua is a yardstick, not part of the product (it is not in requirements/lock.txt):
    .venv/bin/pip install lingua-language-detector==2.1.1
Without it the lingua columns are left out.

    .venv/bin/python bench/langid_accuracy.py [--limit N] [--data DIR] [--no-lingua]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.language import (  # noqa: E402
    SUPPORTED,
    _ngrams,
    detect,
)

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


def _lingua(languages: list[str], low_accuracy: bool) -> Callable[[str], str | None]:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_iso_codes_639_1(
        *[getattr(IsoCode639_1, code.upper()) for code in languages]
    ).with_preloaded_language_models()
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()

    def run(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else None

    return run


def _detectors(
    languages: list[str], with_lingua: bool, with_langdetect: bool
) -> dict[str, Callable[[str], str | None]]:
    detectors: dict[str, Callable[[str], str | None]] = {"ours": _ours}
    if with_lingua:
        try:
            detectors["lingua-hi"] = _lingua(languages, low_accuracy=False)
            detectors["lingua-lo"] = _lingua(languages, low_accuracy=True)
        except ImportError:
            print("lingua is not installed: its columns are left out. To compare with it:\n"
                  "    .venv/bin/pip install lingua-language-detector==2.1.1\n")
    if with_langdetect:
        detectors["ld-all"] = _langdetect("all")
        detectors["ld-ours"] = _langdetect("supported")
    return detectors


def _default_data() -> Path:
    """../shared/langid beside the checkout (a worktree in wt/ has it two levels up)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "langid").is_dir():
            return base / "shared" / "langid"
    return ROOT.parent / "shared" / "langid"


def _samples(data: Path, length: str, language: str, limit: int | None) -> list[str]:
    path = data / "language-testdata" / length / f"{language}.txt"
    if not path.exists():
        return []
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return lines[:limit] if limit else lines


def _print_differences(correct: dict[tuple[str, str, str], float], languages: list[str]) -> None:
    """Ours minus lingua high accuracy, in points; the target is >= 0 on the mean, >= -2 each."""
    print()
    print("ours - lingua-hi, points (target: mean >= 0, no language below -2 on words and pairs)")
    print(f"{'lang':<5}" + "".join(f"{length:>14}" for length in LENGTHS))
    rows = [*languages, "mean"]
    for language in rows:
        cells = []
        for length in LENGTHS:
            if language == "mean":
                ours = sum(correct[("ours", c, length)] for c in languages) / len(languages)
                theirs = sum(correct[("lingua-hi", c, length)] for c in languages) / len(languages)
            else:
                ours = correct[("ours", language, length)]
                theirs = correct[("lingua-hi", language, length)]
            cells.append(f"{ours - theirs:+14.1f}")
        print(f"{language:<5}" + "".join(cells))


OWN_SET = ROOT / "tests" / "language" / "data" / "short_ps_ti.tsv"


def _print_own_set() -> None:
    """Our own single words and pairs for Pashto and Tigrinya (lingua covers neither)."""
    totals: dict[tuple[str, str], list[int]] = {}
    for line in OWN_SET.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, kind, text = line.split("\t")
        counts = totals.setdefault((code, kind), [0, 0])
        counts[0] += detect(text).language == code
        counts[1] += 1
    print()
    print(f"Our own set ({OWN_SET.relative_to(ROOT)}), ours right / all:")
    for (code, kind), (right, total) in sorted(totals.items()):
        print(f"  {code} {kind:<5} {right}/{total}  {100.0 * right / total:5.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=_default_data())
    parser.add_argument("--limit", type=int, default=None, help="lines per file (default all)")
    parser.add_argument("--no-lingua", action="store_true", help="leave lingua out")
    parser.add_argument("--no-langdetect", action="store_true", help="leave plain langdetect out")
    args = parser.parse_args()

    languages = [c for c in SUPPORTED if _samples(args.data, "sentences", c, 1)]
    missing = [c for c in SUPPORTED if c not in languages]
    if not languages:
        raise SystemExit(f"No test data in {args.data}: pass --data DIR (see its README.md)")
    detectors = _detectors(languages, not args.no_lingua, not args.no_langdetect)
    for detector in detectors.values():  # load lazily built statistics before timing
        detector("warm up")
    correct: dict[tuple[str, str, str], float] = {}
    seconds = dict.fromkeys(detectors, 0.0)
    cpu = dict.fromkeys(detectors, 0.0)
    messages = 0
    for language in languages:
        for length in LENGTHS:
            samples = _samples(args.data, length, language, args.limit)
            messages += len(samples)
            for name, detector in detectors.items():
                start, start_cpu = time.perf_counter(), time.process_time()
                hits = sum(1 for text in samples if detector(text) == language)
                seconds[name] += time.perf_counter() - start
                cpu[name] += time.process_time() - start_cpu
                correct[(name, language, length)] = 100.0 * hits / max(1, len(samples))

    names = list(detectors)
    header = f"{'lang':<5}" + "".join(
        f"| {length:<23}" for length in LENGTHS
    )
    print(f"Accuracy in % on {args.data} (limit {args.limit or 'all'}); "
          f"columns: {', '.join(names)}")
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
    if "lingua-hi" in detectors:
        _print_differences(correct, languages)
    _print_own_set()
    print()
    print("Lingua high accuracy, published (17 languages): "
          + ", ".join(f"{k} {v}" for k, v in LINGUA_HIGH_ACCURACY.items()))
    for name, figures in LANGDETECT_PUBLISHED.items():
        print(f"{name} published (17 languages): "
              + ", ".join(f"{k} {v}" for k, v in figures.items()))
    print()
    print(f"Mean latency per message over {messages} messages (wall clock; CPU time of this")
    print("process, which a busy machine inflates less; load average now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):")
    for name in names:
        wall = 1000.0 * seconds[name] / max(1, messages)
        print(f"  {name:<9} {wall:7.3f} ms   cpu {1000.0 * cpu[name] / max(1, messages):7.3f} ms")


if __name__ == "__main__":
    main()
