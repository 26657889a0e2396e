"""Per-sentence latency of offline machine translation with one Argos package.

The sentences are the project's own texts in the package's source language: the English
source texts of translations/*/messages.pot, or the curated translations/*/<lang>.po.
Each sentence is translated once with the cache off (mean, p50, p95, max), then again
from the memory cache. The package is installed into a scratch folder, never into
ARGOS_PACKAGES_DIR. Without --package a tiny random model is built and used: its figures
show the pipeline's overhead, not a real model's speed.

    .venv/bin/python bench/translation_latency.py [--package FILE.argosmodel] [--limit N]
"""
from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.machine_translation import (  # noqa: E402
    ArgosTranslator,
    InstalledPackage,
    MemoryCache,
    TranslationSettings,
    install,
    settings_from_environment,
)
from bot.machine_translation.placeholders import parse  # noqa: E402
from bot.machine_translation.sentences import has_words, split_sentences  # noqa: E402
from tests.machine_translation.tiny_argos import (  # noqa: E402
    ARGOS_BASE,
    TINY,
    build_argos_package,
)


def project_sentences(language: str, limit: int) -> list[str]:
    """Distinct sentences of the project's texts in language, placeholders left out."""
    pattern = "messages.pot" if language == "en" else f"{language}.po"
    texts: list[str] = []
    for path in sorted((ROOT / "translations").glob(f"*/{pattern}")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            text = message.id if language == "en" else message.string
            if isinstance(text, str) and text:
                texts.append(text)
    found: dict[str, None] = {}
    for text in texts:
        try:
            literals = parse(text).literals
        except ValueError:
            continue
        for literal in literals:
            for paragraph in literal.split("\n"):
                for sentence, _ in split_sentences(paragraph):
                    sentence = sentence.strip()
                    if has_words(sentence) and len(sentence.split()) >= 3:
                        found.setdefault(sentence)
    return list(found)[:limit]


TOKENS_PER_WORD = 1.4


def forced_length_ms(
    package: InstalledPackage, sentences: list[str], settings: TranslationSettings
) -> list[float]:
    """A random model stops at random; a real one writes about as many tokens as it reads,
    some 1.4 a word with a 32k SentencePiece vocabulary (our tiny one splits finer)."""
    import ctranslate2
    import sentencepiece

    model = ctranslate2.Translator(
        str(package.path / "model"), device=settings.device, compute_type=settings.compute_type
    )
    tokenizer = sentencepiece.SentencePieceProcessor(
        model_file=str(package.path / "sentencepiece.model")
    )
    ms = []
    for sentence in sentences:
        tokens = tokenizer.encode(sentence, out_type=str)
        length = max(1, round(TOKENS_PER_WORD * len(sentence.split())))
        started = time.perf_counter()
        model.translate_batch(
            [tokens],
            beam_size=settings.beam_size,
            min_decoding_length=length,
            max_decoding_length=length,
        )
        ms.append(1000.0 * (time.perf_counter() - started))
    return ms


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help=".argosmodel file (default: a tiny one)")
    parser.add_argument("--limit", type=int, default=200, help="sentences at most (200)")
    parser.add_argument(
        "--size",
        choices=("tiny", "base"),
        default="tiny",
        help="without --package: build a tiny model, or one of Argos's usual size (base)",
    )
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        archive = arguments.package
        if archive is None:
            size = ARGOS_BASE if arguments.size == "base" else TINY
            archive = build_argos_package(folder, "de", "en", size=size)
            print(
                f"No --package given: built a RANDOM de->en model ({arguments.size}: "
                f"{size.layers} layers, d_model {size.d_model}, ffn {size.ffn}, vocabulary "
                f"{size.vocabulary or 'SentencePiece'}, {size.quantization or 'float32'}).\n"
                "Its output is nonsense of random length: the figures show the pipeline's cost,"
                " not a real model's speed."
            )
        package = install(archive, folder / "packages")
        settings = dataclasses.replace(
            settings_from_environment(), packages_dir=folder / "packages"
        )
        translator = ArgosTranslator(settings, MemoryCache(0))
        source, target = package.source, package.target
        sentences = project_sentences(source, arguments.limit)
        if not sentences:
            sys.exit(f"no project sentences in {source!r} to translate")

        started = time.perf_counter()
        translator.warm_up([(source, target)])
        load_seconds = time.perf_counter() - started

        seconds, output_words = [], 0
        for sentence in sentences:
            started = time.perf_counter()
            result = translator.translate(sentence, source, target)
            seconds.append(time.perf_counter() - started)
            output_words += len(result.text.split()) if result else 0

        cached = ArgosTranslator(settings, MemoryCache(len(sentences)))
        for sentence in sentences:
            cached.translate(sentence, source, target)
        hits = []
        for sentence in sentences:
            started = time.perf_counter()
            cached.translate(sentence, source, target)
            hits.append(time.perf_counter() - started)

        forced = forced_length_ms(package, sentences, settings) if arguments.package is None else []

    words = statistics.mean(len(sentence.split()) for sentence in sentences)
    ms = [1000.0 * value for value in seconds]
    print(f"package {package.model_id} ({archive.name})")
    print(f"device {settings.device}, compute type {settings.compute_type},"
          f" beam {settings.beam_size}, intra threads {settings.intra_threads or 'default'}")
    print(f"load + first translation: {1000.0 * load_seconds:.0f} ms")
    print(f"{len(sentences)} sentences, {words:.1f} words on average in,"
          f" {output_words / len(sentences):.1f} out; cache off:")
    print(f"  mean {statistics.mean(ms):.1f} ms  p50 {percentile(ms, 0.5):.1f} ms"
          f"  p95 {percentile(ms, 0.95):.1f} ms  max {max(ms):.1f} ms")
    print(f"memory cache hit: mean {1000.0 * statistics.mean(hits):.3f} ms")
    if forced:
        print(f"same model, output forced to {TOKENS_PER_WORD} tokens a source word"
              " (as a real model writes):")
        print(f"  mean {statistics.mean(forced):.1f} ms  p50 {percentile(forced, 0.5):.1f} ms"
              f"  p95 {percentile(forced, 0.95):.1f} ms  max {max(forced):.1f} ms")


if __name__ == "__main__":
    main()
