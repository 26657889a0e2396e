"""Machine translation of response templates with installed packages."""
from __future__ import annotations

import logging
import socket
import uuid
from pathlib import Path

import pytest
import redis

from bot.machine_translation import (
    ArgosTranslator,
    MemoryCache,
    NoMachineTranslation,
    RedisCache,
    TranslationSettings,
    from_environment,
    install,
)
from bot.machine_translation.types import MachineTranslator
from tests.machine_translation.tiny_argos import ModelSize, build_argos_package

PHONE_TEMPLATE = "Please call the housing office at {office_phone}. It opens at {hours!s:>5}."
# Random weights lose placeholder markers, and such a translation is never shown: the
# mechanics tests (cache, Redis, pivot) use plain text; test_real_model.py shows fields kept.
PLAIN = "Please call the housing office. It opens on Monday."


def test_translator_returns_text_in_the_target_language_for_an_installed_pair(
    translator: ArgosTranslator,
) -> None:
    result = translator.translate("The housing office is open on Monday.", "en", "ar")
    assert result is not None
    assert isinstance(result.text, str) and result.text.strip()
    assert (result.source, result.target, result.pivot, result.cached) == ("en", "ar", None, False)
    assert result.model.startswith("argos:en-ar@1.0#")


@pytest.mark.parametrize(
    "template",
    [
        PHONE_TEMPLATE,
        "{office_phone}",
        "Call {office_phone} or {office_phone} again; see [1] and {{braces}}.",
        "Zeile eins mit {name}.\nZeile zwei: {office_email}!",
    ],
)
def test_translator_never_returns_a_translation_without_every_placeholder(
    translator: ArgosTranslator, template: str
) -> None:
    source = "de" if template.startswith("Zeile") else "en"
    result = translator.translate(template, source, "ar")
    if result is None:  # a marker was lost: withheld, and counted
        assert translator.counts.withheld_count(source, "ar") == 1
        return
    filled = result.text.format(
        office_phone="+49 5555 0101", hours="9:00", name="Amira", office_email="a@b.example"
    )
    assert filled.count("+49 5555 0101") == template.count("{office_phone}")
    if "{hours" in template:
        assert " 9:00" in filled
    if "{name}" in template:
        assert "Amira" in filled and "a@b.example" in filled
    assert result.text.count("\n") == template.count("\n")


def test_translator_goes_through_english_when_no_direct_model_exists(
    translator: ArgosTranslator,
) -> None:
    result = translator.translate("Rufen Sie das Amt an.", "de", "ar")
    assert result is not None
    assert result.pivot == "en"
    assert result.model.count("argos:") == 2
    assert "argos:de-en@" in result.model and "argos:en-ar@" in result.model


def test_translator_has_no_model_for_somali_tigrinya_or_pashto(translator: ArgosTranslator) -> None:
    for language in ("so", "ti", "ps"):
        assert translator.translate("Hello.", "en", language) is None
        assert translator.translate("Hello.", language, "en") is None
    assert translator.available_pairs() == {("de", "en"), ("en", "ar"), ("en", "de"), ("de", "ar")}


def test_translator_without_any_package_translates_nothing(tmp_path: Path) -> None:
    settings = TranslationSettings(packages_dir=tmp_path / "none")
    empty = ArgosTranslator(settings, MemoryCache(8))
    assert empty.available_pairs() == set()
    assert empty.translate("Hello.", "en", "ar") is None
    assert NoMachineTranslation().translate("Hello.", "en", "ar") is None


def test_translator_serves_the_second_request_from_its_memory_cache(
    translator: ArgosTranslator,
) -> None:
    first = translator.translate(PLAIN, "en", "ar")
    second = translator.translate(PLAIN, "en", "ar")
    assert first is not None and second is not None
    assert (first.cached, second.cached) == (False, True)
    assert second.text == first.text


def test_translator_keeps_numbers_and_blank_text_as_they_are(translator: ArgosTranslator) -> None:
    for text in ("112", "", "  ", "110 / 112"):
        result = translator.translate(text, "en", "ar")
        assert result is not None and result.text == text


def test_translator_loads_each_model_once_and_warm_up_loads_them_at_start(
    translator: ArgosTranslator,
) -> None:
    assert translator.warm_up() == [("de", "en"), ("en", "ar"), ("en", "de")]
    loaded = dict(translator._loaded)
    translator.translate("Guten Tag.", "de", "ar")
    assert translator._loaded == loaded
    assert all(translator._loaded[pair] is loaded[pair] for pair in loaded)


def test_translator_with_a_broken_model_leaves_the_text_untranslated_and_logs(
    translator: ArgosTranslator, packages_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert ("en", "ar") in translator.available_pairs()
    for weights in packages_dir.glob("translate-en_ar-*/model/model.bin"):
        weights.write_bytes(b"broken")
    with caplog.at_level(logging.ERROR, logger="bot.machine_translation.argos"):
        assert translator.translate("Hello.", "en", "ar") is None
        assert translator.warm_up() == [("de", "en"), ("en", "de")]
    assert "failed" in caplog.text and "cannot load en -> ar" in caplog.text


def test_translator_stops_a_model_that_never_ends_its_sentence(tmp_path: Path) -> None:
    looping = build_argos_package(tmp_path, "en", "ar", size=ModelSize(eos_bias=-50.0))
    folder = tmp_path / "packages"
    install(looping, folder)
    settings = TranslationSettings(packages_dir=folder, quality_gate=False)
    result = ArgosTranslator(settings, MemoryCache(8)).translate("Hello there.", "en", "ar")
    assert result is not None
    pieces = len(result.text)  # the tiny tokenizer's pieces are a character or two
    assert 0 < pieces <= 2 * (2 * len("Hello there.") + 10)


def test_translator_rejects_translating_a_language_into_itself(translator: ArgosTranslator) -> None:
    with pytest.raises(ValueError):
        translator.translate("Hello.", "en", "en")


def test_translators_fit_the_protocol_the_renderer_uses(translator: ArgosTranslator) -> None:
    implementations: list[MachineTranslator] = [translator, NoMachineTranslation()]
    assert all(callable(t.translate) and callable(t.available_pairs) for t in implementations)


@pytest.mark.redis
def test_translations_are_shared_through_redis_with_a_ttl(
    packages_dir: Path, redis_url: str
) -> None:
    prefix = f"test-mt-{uuid.uuid4().hex}"
    client = redis.Redis.from_url(redis_url)
    try:
        one_process = _redis_translator(packages_dir, redis_url, prefix)
        first = one_process.translate(PLAIN, "en", "ar")
        other_process = _redis_translator(packages_dir, redis_url, prefix)
        second = other_process.translate(PLAIN, "en", "ar")

        assert first is not None and second is not None
        assert (first.cached, second.cached) == (False, True)
        assert second.text == first.text
        keys = client.keys(f"{prefix}:*")
        assert len(keys) == 1
        assert 0 < client.ttl(keys[0]) <= 600
        assert PLAIN.encode() not in keys[0]
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def test_translation_goes_on_in_memory_when_redis_is_down(
    packages_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    settings = TranslationSettings(packages_dir=packages_dir, quality_gate=False)
    cache = RedisCache(f"redis://127.0.0.1:{port}/0", 600, MemoryCache(8), retry_after_seconds=0)
    translator = ArgosTranslator(settings, cache)

    with caplog.at_level(logging.WARNING, logger="bot.machine_translation.cache"):
        first = translator.translate(PLAIN, "en", "ar")
        second = translator.translate(PLAIN, "en", "ar")
        third = translator.translate("Another text.", "en", "ar")

    assert first is not None and second is not None and third is not None
    assert second.cached and second.text == first.text
    warnings = [r for r in caplog.records if "Redis unreachable" in r.getMessage()]
    assert len(warnings) == 1


def test_translator_from_environment_uses_redis_only_when_redis_url_is_set(
    packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages_dir))
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(from_environment()._cache, MemoryCache)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert isinstance(from_environment()._cache, RedisCache)
    assert from_environment().available_pairs() == {
        ("de", "en"), ("en", "ar"), ("en", "de"), ("de", "ar")
    }


def _redis_translator(packages_dir: Path, redis_url: str, prefix: str) -> ArgosTranslator:
    settings = TranslationSettings(
        packages_dir=packages_dir, redis_url=redis_url, quality_gate=False
    )
    return ArgosTranslator(settings, RedisCache(redis_url, 600, MemoryCache(8), prefix=prefix))
