"""A reply composed from its parts is wholly in the person's language or wholly in English,
and labelled with its weakest part (bot.translation.compose)."""
from __future__ import annotations

import pytest

from bot.translation.compose import TRANSLATION_RANK, Texts, compose, is_translation, weakest

# Each part's text per language, and how it was translated; a part without the language
# is missing there.
PARTS = {
    "greeting": {"en": ("Hello", "source"), "ar": ("مرحبا", "curated"),
                 "uk": ("Привіт", "curated")},
    "office": {"en": ("Welcome Centre", "source"), "ar": ("مركز الترحيب", "machine"),
               "uk": ("Центр", "curated")},
    "hours": {"en": ("Mon 9-12", "source"), "uk": ("Пн 9-12", "curated")},
}


class Build:
    """Builds a reply from `parts`, recording each; remembers every language it ran in."""

    def __init__(self, *parts: str) -> None:
        self.parts = parts
        self.runs: list[str] = []

    def __call__(self, texts: Texts) -> dict[str, str]:
        self.runs.append(texts.language)
        reply = {}
        for part in self.parts:
            text, translation = PARTS[part].get(texts.language) or PARTS[part]["en"]
            language = texts.language if texts.language in PARTS[part] else "en"
            texts.record(language, translation)
            reply[part] = text
        return reply


def english(*parts: str) -> dict[str, str]:
    return {part: PARTS[part]["en"][0] for part in parts}


def test_every_part_translated_stays_in_the_language() -> None:
    build = Build("greeting", "office", "hours")
    composed = compose(build, "uk")
    assert composed.value == {"greeting": "Привіт", "office": "Центр", "hours": "Пн 9-12"}
    assert (composed.language, composed.translation) == ("uk", "curated")
    assert composed.contract() == {"content_language": "uk", "content_translation": "curated"}
    assert not composed.fell_back
    assert build.runs == ["uk"]


def test_one_missing_part_puts_the_whole_reply_in_english() -> None:
    build = Build("greeting", "office", "hours")  # "hours" has no Arabic
    composed = compose(build, "ar")
    assert build.runs == ["ar", "en"]
    assert composed.value == english("greeting", "office", "hours")
    assert composed.contract() == {"content_language": "en", "content_translation": "source"}
    assert composed.fell_back and composed.wanted == "ar"


def test_nothing_is_half_in_one_language() -> None:
    """The English reply is built anew, not the Arabic one with its gap filled in."""
    composed = compose(Build("greeting", "hours"), "ar")  # the greeting has Arabic
    assert PARTS["greeting"]["ar"][0] not in composed.value.values()
    assert composed.value == english("greeting", "hours")


def test_the_weakest_part_labels_the_reply() -> None:
    composed = compose(Build("greeting", "office"), "ar")  # curated and machine
    assert (composed.language, composed.translation) == ("ar", "machine")
    assert compose(Build("greeting"), "ar").translation == "curated"


def test_the_source_language_is_source_and_built_once() -> None:
    build = Build("greeting", "office", "hours")
    composed = compose(build, "en")
    assert build.runs == ["en"]
    assert composed.contract() == {"content_language": "en", "content_translation": "source"}
    assert not composed.fell_back


def test_a_reply_without_content_keeps_the_language() -> None:
    composed = compose(lambda texts: {}, "ar")
    assert composed.contract() == {"content_language": "ar", "content_translation": "curated"}
    assert compose(lambda texts: {}, "en").translation == "source"


def test_the_fallback_goes_to_the_source_language_given() -> None:
    """The catalogue names its own source language (city.yml `source_language`)."""
    def build(texts: Texts) -> str:
        texts.record("de" if texts.language == "ar" else texts.language,
                     "source" if texts.language == "de" else "curated")
        return texts.language

    composed = compose(build, "ar", source_language="de")
    assert (composed.value, composed.language, composed.translation) == ("de", "de", "source")


def test_a_curated_lookup_without_a_translation_forces_english() -> None:
    """A translator of English texts whose lookups return None when a text is untranslated
    (as the eligibility texts' ContentTranslator): one missing text, the turn in English."""
    curated = {("ar", "Age"): "العمر"}

    def build(texts: Texts) -> list[str]:
        return [texts.found(curated.get((texts.language, text)), text)
                if texts.language != "en" else text
                for text in ("Age", "Income")]

    composed = compose(build, "ar")
    assert composed.value == ["Age", "Income"]
    assert composed.contract() == {"content_language": "en", "content_translation": "source"}
    curated[("ar", "Income")] = "الدخل"
    composed = compose(build, "ar")
    assert composed.value == ["العمر", "الدخل"]
    assert composed.contract() == {"content_language": "ar", "content_translation": "curated"}


def test_the_ranking_is_source_machine_curated() -> None:
    assert sorted(TRANSLATION_RANK, key=TRANSLATION_RANK.__getitem__) == [
        "source", "machine", "curated"]
    assert weakest("curated", "machine", "curated") == "machine"
    assert weakest("machine", "source") == "source"
    assert weakest("curated") == "curated"
    assert is_translation("machine") and not is_translation("human") and not is_translation(None)


def test_an_unknown_label_is_refused() -> None:
    with pytest.raises(ValueError, match="human"):
        Texts("ar").record("ar", "human")
