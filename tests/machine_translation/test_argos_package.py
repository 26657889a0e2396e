"""The tiny package is a real Argos package: Argos's own API installs, reads and runs it."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.machine_translation import ArgosTranslator, MemoryCache, TranslationSettings
from bot.machine_translation.offline import argos_package_module
from bot.machine_translation.sentences import split_sentences
from tests.machine_translation.conftest import NetworkGuard

SENTENCE = "Das Wohnungsamt ist montags geöffnet."


@pytest.fixture
def argos_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Points Argos's own settings (read once, at its import) at an empty folder."""
    folder = tmp_path / "argos-own"
    package = argos_package_module(folder)
    monkeypatch.setattr(package.settings, "package_data_dir", folder)
    monkeypatch.setattr(package.settings, "package_dirs", [folder])
    return folder


class _OurSentences:
    """Argos's sentence-splitter interface, backed by our splitter that needs no model."""

    def split_sentences(self, text: str) -> list[str]:
        return [sentence for sentence, _ in split_sentences(text)]


def test_argos_installs_the_tiny_package_and_our_translator_finds_it(
    argos_dir: Path, tiny_packages: dict
) -> None:
    package = argos_package_module(argos_dir)
    package.install_from_path(tiny_packages[("de", "en")])

    installed = package.get_installed_packages()
    assert [(p.from_code, p.to_code) for p in installed] == [("de", "en")]
    settings = TranslationSettings(packages_dir=argos_dir, quality_gate=False)
    ours = ArgosTranslator(settings, MemoryCache(8))
    assert ours.available_pairs() == {("de", "en")}


def test_argos_translation_of_a_sentence_equals_ours(argos_dir: Path, tiny_packages: dict) -> None:
    import ctranslate2
    from argostranslate.translate import apply_packaged_translation

    package = argos_package_module(argos_dir)
    package.install_from_path(tiny_packages[("de", "en")])
    argos_package = package.get_installed_packages()[0]
    model = ctranslate2.Translator(
        str(argos_package.package_path / "model"), compute_type=package.settings.compute_type
    )

    hypotheses = apply_packaged_translation(argos_package, SENTENCE, model, _OurSentences(), 1)

    settings = TranslationSettings(packages_dir=argos_dir, quality_gate=False)
    ours = ArgosTranslator(settings, MemoryCache(8))
    result = ours.translate(SENTENCE, "de", "en")
    assert result is not None
    assert hypotheses[0].value.strip() != ""
    assert result.text == hypotheses[0].value.strip()


def test_argos_default_sentence_splitter_would_download_a_model_so_we_never_use_it(
    argos_dir: Path,
    tiny_packages: dict,
    network_guard: NetworkGuard,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argostranslate.translate as argos_translate

    network_guard.expected = True
    package = argos_package_module(argos_dir)
    package.install_from_path(tiny_packages[("de", "en")])
    monkeypatch.setattr(argos_translate, "installed_translates", [])
    argos_translate.get_installed_languages.cache_clear()

    with pytest.raises(OSError, match="no network access allowed"):
        argos_translate.translate(SENTENCE, "de", "en")

    assert network_guard.attempts == ["github.com"]  # MiniSBD's model download
    argos_translate.get_installed_languages.cache_clear()


def test_argos_is_imported_offline_safe_without_leaking_settings_to_child_processes(
    tmp_path: Path,
) -> None:
    import os

    before = {name: os.environ.get(name) for name in ("ARGOS_PACKAGES_DIR", "ARGOS_CHUNK_TYPE")}
    package = argos_package_module(tmp_path / "packages")
    assert package.settings.chunk_type != package.settings.ChunkType.SPACY
    assert package.settings.model_provider == package.settings.ModelProvider.OPENNMT
    assert {name: os.environ.get(name) for name in before} == before
