"""Machine translation with installed Argos Translate packages, offline.

Each package's CTranslate2 model is loaded once per process and kept; warm_up() loads
them at server start so the first person does not wait. A pair with no package of its
own goes through English when both halves are installed (de -> en -> ar).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.machine_translation import placeholders, quality, sentences
from bot.machine_translation.cache import (
    MemoryCache,
    RedisCache,
    TranslationCache,
    cache_key,
)
from bot.machine_translation.offline import argos_package_module
from bot.machine_translation.packages import InstalledPackage, installed_packages
from bot.machine_translation.settings import TranslationSettings, settings_from_environment
from bot.machine_translation.types import MachineResult

log = logging.getLogger(__name__)

PIVOT = "en"
MAX_BATCH_TOKENS = 1024
LENGTH_PENALTY = 0.2  # as Argos Translate uses
# A model that loops would write up to CTranslate2's 256 tokens; no translation of a
# sentence needs more than twice its length, so stop there and keep latency bounded.
MAX_OUTPUT_RATIO, MAX_OUTPUT_EXTRA, MAX_OUTPUT_TOKENS = 2, 10, 256
# Cached in place of a translation the quality gate withheld, so it is not made again.
WITHHELD_PREFIX = "\0withheld:"


class _Withheld(Exception):
    """A translation failed the quality gate (quality.py); args[0] is the reason."""


@dataclass
class _Loaded:
    package: InstalledPackage
    argos: Any  # argostranslate.package.Package: metadata, tokenizer, target prefix
    translator: Any  # ctranslate2.Translator


class ArgosTranslator:
    def __init__(self, settings: TranslationSettings, cache: TranslationCache) -> None:
        self._settings = settings
        self._cache = cache
        self._lock = threading.Lock()
        self._packages: dict[tuple[str, str], InstalledPackage] | None = None
        self._loaded: dict[tuple[str, str], _Loaded] = {}
        self.counts = quality.GateCounts()

    def available_pairs(self) -> set[tuple[str, str]]:
        direct = set(self._installed())
        into = {target for source, target in direct if source == PIVOT}
        out_of = {source for source, target in direct if target == PIVOT}
        pivoted = {(source, target) for source in out_of for target in into if source != target}
        return direct | pivoted

    def translate(self, text: str, source: str, target: str) -> MachineResult | None:
        source, target = source.lower(), target.lower()
        if source == target:
            raise ValueError(f"source and target are both {source!r}")
        route = self._route(source, target)
        if route is None:
            return None
        model = "+".join(package.model_id for package in route)
        pivot = PIVOT if len(route) > 1 else None
        # The gate's version is part of the key: changed thresholds judge texts afresh.
        key = cache_key(f"{model}|gate{quality.VERSION}", source, target, text)
        cached = self._cache.get(key)
        if cached is None:
            try:
                cached = self._translate_template(text, route, target)
            except (RuntimeError, OSError):
                log.exception("machine translation: %s failed; the text stays untranslated", model)
                return None
            except _Withheld as withheld:
                cached = WITHHELD_PREFIX + str(withheld.args[0])
            self._cache.put(key, cached)
            fresh = True
        else:
            fresh = False
        if cached.startswith(WITHHELD_PREFIX):
            reason = cached[len(WITHHELD_PREFIX):]
            self.counts.withheld(source, target, reason)
            log.warning(
                "machine translation %s -> %s withheld by the quality gate: %s",
                source, target, reason,
            )
            return None
        self.counts.shown(source, target)
        return MachineResult(cached, source, target, model, pivot, cached=not fresh)

    def warm_up(self, pairs: Iterable[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
        """Load the models for pairs (all installed ones by default) and run each once.

        Returns the pairs ready; a model that cannot load is logged and left out, so one
        damaged file does not keep the server from starting.
        """
        wanted = list(self._installed()) if pairs is None else list(pairs)
        warmed = []
        for source, target in wanted:
            route = self._route(source, target)
            if route is None:
                log.warning("machine translation: no model for %s -> %s to warm up", source, target)
                continue
            try:
                self._translate_plain("Hello.", route)
            except _Withheld:
                pass  # the model loaded and ran; the gate judges real texts
            except (RuntimeError, OSError):
                log.exception("machine translation: cannot load %s -> %s", source, target)
                continue
            warmed.append((source, target))
        return warmed

    def installed(self) -> list[InstalledPackage]:
        return list(self._installed().values())

    def _installed(self) -> dict[tuple[str, str], InstalledPackage]:
        if self._packages is None:
            with self._lock:
                if self._packages is None:
                    self._packages = {
                        (package.source, package.target): package
                        for package in installed_packages(self._settings.packages_dir)
                    }
        return self._packages

    def _route(self, source: str, target: str) -> tuple[InstalledPackage, ...] | None:
        packages = self._installed()
        if (source, target) in packages:
            return (packages[(source, target)],)
        first, second = packages.get((source, PIVOT)), packages.get((PIVOT, target))
        if first is not None and second is not None:
            return (first, second)
        return None

    def _translate_template(
        self, source: str, route: tuple[InstalledPackage, ...], target: str
    ) -> str:
        """The translated template; raises _Withheld when it fails the quality gate."""
        template = placeholders.parse(source)
        if not template.fields:
            translated = placeholders.escape(self._translate_plain(template.literals[0], route))
        else:
            masked = placeholders.mask(template)
            restored = placeholders.unmask(self._translate_plain(masked.text, route), masked)
            if restored is None:  # a field lost or repeated: never shown, gate or not
                raise _Withheld("placeholders")
            translated = restored
        verdict = quality.check_template(source, translated)
        if not verdict.passed and self._settings.quality_gate:
            raise _Withheld(verdict.reason)
        return translated

    def _translate_plain(self, text: str, route: tuple[InstalledPackage, ...]) -> str:
        for package in route:
            text = self._translate_with(self._load(package), text, package.target)
        return text

    def _translate_with(self, loaded: _Loaded, text: str, target: str) -> str:
        paragraphs = [sentences.split_sentences(p) for p in sentences.split_paragraphs(text)]
        wanted = [
            sentence.strip()
            for paragraph in paragraphs
            for sentence, _ in paragraph
            if sentences.has_words(sentence)
        ]
        translations = self._translate_sentences(loaded, wanted)
        translated = [
            self._checked(loaded, sentence, translation)
            for sentence, translation in zip(wanted, translations, strict=True)
        ]
        done = iter(translated)
        out = []
        for paragraph in paragraphs:
            pieces = []
            for index, (sentence, gap) in enumerate(paragraph):
                if sentences.has_words(sentence):
                    start = len(sentence) - len(sentence.lstrip())
                    end = len(sentence.rstrip())
                    sentence = sentence[:start] + next(done) + sentence[end:]
                if index < len(paragraph) - 1:
                    gap = sentences.joiner(gap, target)
                pieces.append(sentence + gap)
            out.append("".join(pieces))
        return "\n".join(out)

    def _checked(self, loaded: _Loaded, sentence: str, translation: str) -> str:
        """The sentence's translation if it passes the gate; a sentence translated only in
        part (too short) is translated again clause by clause. Raises _Withheld."""
        verdict = quality.check_sentence(sentence, translation)
        retry = verdict.reason == "length" and self._settings.quality_gate
        clauses = sentences.split_clauses(sentence) if retry else []
        if len(clauses) > 1 and sentences.weight(translation) < sentences.weight(sentence):
            pieces = self._translate_sentences(loaded, clauses)
            if all(quality.check_sentence(c, p).passed
                   for c, p in zip(clauses, pieces, strict=True)):
                translation = " ".join(pieces)
                verdict = quality.check_sentence(sentence, translation)
        if not verdict.passed and self._settings.quality_gate:
            raise _Withheld(verdict.reason)
        return translation

    def _translate_sentences(self, loaded: _Loaded, batch: list[str]) -> list[str]:
        """Argos's own steps (argostranslate.translate.apply_packaged_translation), one
        hypothesis, each sentence decoded on its own."""
        if not batch:
            return []
        argos, settings = loaded.argos, self._settings
        tokenized = [argos.tokenizer.encode(sentence) for sentence in batch]
        prefix = [[argos.target_prefix]] * len(tokenized) if argos.target_prefix else None
        longest = max(len(tokens) for tokens in tokenized)
        limit = min(MAX_OUTPUT_TOKENS, MAX_OUTPUT_RATIO * longest + MAX_OUTPUT_EXTRA)
        results = loaded.translator.translate_batch(
            tokenized,
            target_prefix=prefix,
            replace_unknowns=True,
            max_batch_size=MAX_BATCH_TOKENS,
            batch_type="tokens",
            beam_size=settings.beam_size,
            num_hypotheses=1,
            length_penalty=LENGTH_PENALTY,
            max_decoding_length=limit,
        )
        return [self._decode(argos, result.hypotheses[0]) for result in results]

    @staticmethod
    def _decode(argos: Any, tokens: list[str]) -> str:
        value = argos.tokenizer.decode(tokens)
        if argos.target_prefix and value.startswith(argos.target_prefix):
            value = value[len(argos.target_prefix):]
        return value.strip()

    def _load(self, package: InstalledPackage) -> _Loaded:
        pair = (package.source, package.target)
        loaded = self._loaded.get(pair)
        if loaded is not None:
            return loaded
        with self._lock:
            if pair not in self._loaded:
                self._loaded[pair] = self._open(package)
            return self._loaded[pair]

    def _open(self, package: InstalledPackage) -> _Loaded:
        import ctranslate2

        argos_package = argos_package_module(self._settings.packages_dir)
        settings = self._settings
        translator = ctranslate2.Translator(
            str(package.path / "model"),
            device=settings.device,
            compute_type=settings.compute_type,
            inter_threads=settings.inter_threads,
            intra_threads=settings.intra_threads,
        )
        log.info("machine translation: loaded %s", package.model_id)
        return _Loaded(package, argos_package.Package(package.path), translator)


def from_environment(settings: TranslationSettings | None = None) -> ArgosTranslator:
    """The translator a server process keeps for its lifetime (create one, reuse it)."""
    settings = settings or settings_from_environment()
    memory = MemoryCache(settings.cache_size)
    cache: TranslationCache = memory
    if settings.redis_url:
        cache = RedisCache(settings.redis_url, settings.cache_ttl_seconds, memory)
    return ArgosTranslator(settings, cache)
