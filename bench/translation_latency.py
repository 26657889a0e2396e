"""Per-sentence and per-reply latency of offline machine translation with one Argos package.

The texts are the project's own in the package's source language: the English source
texts of translations/*/messages.pot, the curated translations/*/<lang>.po, or for a
language without PO files bench/data/replies.<lang>.txt (Chinese: replies of the kind the
assistant sends). Each sentence is translated once with the cache off (mean, p50, p95,
max), then again from the memory cache; then whole replies (several sentences, as a
person gets them), through the quality gate, with the number it withheld. The package
is installed into a scratch folder, never into
ARGOS_PACKAGES_DIR. Without --package a tiny random model is built and used: its figures
show the pipeline's overhead, not a real model's speed.

    .venv/bin/python bench/translation_latency.py [--package FILE.argosmodel] [--limit N]
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._proc import memory_of  # noqa: E402
from bot.machine_translation import (  # noqa: E402
    ArgosTranslator,
    InstalledPackage,
    MemoryCache,
    TranslationSettings,
    install,
    settings_from_environment,
)
from bot.machine_translation.placeholders import parse  # noqa: E402
from bot.machine_translation.sentences import has_words, split_sentences, weight  # noqa: E402
from tests.machine_translation.tiny_argos import (  # noqa: E402
    ARGOS_BASE,
    TINY,
    build_argos_package,
)


def project_texts(language: str) -> list[str]:
    """The project's whole texts (responses, catalogue entries) in language."""
    pattern = "messages.pot" if language == "en" else f"{language}.po"
    texts: list[str] = []
    for path in sorted((ROOT / "translations").glob(f"*/{pattern}")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            text = message.id if language == "en" else message.string
            if isinstance(text, str) and text:
                texts.append(text)
    written = ROOT / "bench" / "data" / f"replies.{language}.txt"
    if not texts and written.is_file():
        lines = written.read_text(encoding="utf-8").splitlines()
        texts = [line for line in lines if line.strip() and not line.startswith("#")]
    return texts


def project_replies(language: str, limit: int) -> list[str]:
    """Whole texts of two sentences or more, as a reply holds them."""
    replies = []
    for text in dict.fromkeys(project_texts(language)):
        try:
            literal = " ".join(parse(text).literals)
        except ValueError:
            continue
        if sum(1 for s, _ in split_sentences(literal) if has_words(s)) >= 2:
            replies.append(text)
    return replies[:limit]


def project_sentences(language: str, limit: int) -> list[str]:
    """Distinct sentences of the project's texts in language, placeholders left out."""
    texts = project_texts(language)
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
                    if has_words(sentence) and weight(sentence) >= 12:
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
        # Random weights write nonsense the gate would withhold: gate off for them only.
        settings = dataclasses.replace(
            settings_from_environment(),
            packages_dir=folder / "packages",
            quality_gate=arguments.package is not None,
        )
        translator = ArgosTranslator(settings, MemoryCache(0))
        source, target = package.source, package.target
        sentences = project_sentences(source, arguments.limit)
        if not sentences:
            sys.exit(f"no project sentences in {source!r} to translate")

        rss_before = memory_of(os.getpid()).rss_bytes
        started = time.perf_counter()
        translator.warm_up([(source, target)])
        load_seconds = time.perf_counter() - started
        rss_loaded = memory_of(os.getpid()).rss_bytes

        seconds, output_words = [], 0
        for sentence in sentences:
            started = time.perf_counter()
            result = translator.translate(sentence, source, target)
            seconds.append(time.perf_counter() - started)
            output_words += len(result.text.split()) if result else 0

        replies = project_replies(source, arguments.limit)
        reply_ms, reply_sentences = [], 0
        for reply in replies:
            reply_sentences += sum(1 for s, _ in split_sentences(reply) if has_words(s))
            started = time.perf_counter()
            translator.translate(reply, source, target)
            reply_ms.append(1000.0 * (time.perf_counter() - started))
        gate = translator.counts.figures()
        rss_after = memory_of(os.getpid()).rss_bytes
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
    letters = statistics.mean(len(sentence) for sentence in sentences)
    ms = [1000.0 * value for value in seconds]
    print(f"package {package.model_id} ({archive.name})")
    print(f"device {settings.device}, compute type {settings.compute_type},"
          f" beam {settings.beam_size}, intra threads {settings.intra_threads or 'default'}")
    print(f"load + first translation: {1000.0 * load_seconds:.0f} ms")
    print(f"process RSS: {rss_before / 1e6:.0f} MB before loading, {rss_loaded / 1e6:.0f} MB"
          f" loaded, {rss_after / 1e6:.0f} MB after all sentences and replies")
    print(f"{len(sentences)} sentences, {words:.1f} words ({letters:.0f} characters) on average in,"
          f" {output_words / len(sentences):.1f} out; cache off:")
    print(f"  mean {statistics.mean(ms):.1f} ms  p50 {percentile(ms, 0.5):.1f} ms"
          f"  p95 {percentile(ms, 0.95):.1f} ms  max {max(ms):.1f} ms")
    print(f"memory cache hit: mean {1000.0 * statistics.mean(hits):.3f} ms")
    if reply_ms:
        withheld = sum(int(row["withheld"]) for row in gate)
        judged = withheld + sum(int(row["shown"]) for row in gate)
        reasons = {k: v for row in gate for k, v in dict(row["reasons"]).items()}
        print(f"{len(reply_ms)} whole replies, {reply_sentences / len(reply_ms):.1f} sentences on"
              f" average, quality gate {'on' if settings.quality_gate else 'off'}:")
        print(f"  mean {statistics.mean(reply_ms):.1f} ms  p50 {percentile(reply_ms, 0.5):.1f} ms"
              f"  p95 {percentile(reply_ms, 0.95):.1f} ms  max {max(reply_ms):.1f} ms;"
              f" the gate withheld {withheld} of {judged} texts {reasons or ''}")
    if forced:
        print(f"same model, output forced to {TOKENS_PER_WORD} tokens a source word"
              " (as a real model writes):")
        print(f"  mean {statistics.mean(forced):.1f} ms  p50 {percentile(forced, 0.5):.1f} ms"
              f"  p95 {percentile(forced, 0.95):.1f} ms  max {max(forced):.1f} ms")


if __name__ == "__main__":
    main()
