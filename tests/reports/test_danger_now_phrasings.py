"""Danger now gets 112 first, however it is phrased and whoever it happens to; violence
in the past, or a question about it, does not (tests/reports/danger_now_phrasings/)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.reports.lexicon import load_lexicons
from bot.reports.routing_table import load_routing_table
from bot.reports.safety import DANGER, danger_signal

PHRASINGS = Path(__file__).parent / "danger_now_phrasings"
LANGUAGES = ("en", "de", "ar", "uk", "ru", "tr", "fa", "ps", "so", "ti", "fr", "es", "pl", "ro")
MINIMUM = 10


def _phrasings(language: str) -> dict[str, list[str]]:
    with (PHRASINGS / f"{language}.yml").open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons(load_routing_table().settings)


@pytest.mark.parametrize("language", LANGUAGES)
def test_danger_now_every_phrasing_gets_the_emergency_reply_first(lexicons,
                                                                   language: str) -> None:
    phrasings = _phrasings(language)["danger_now"]
    assert len(phrasings) >= MINIMUM
    missed = [text for text in phrasings if danger_signal(text, language, lexicons) != DANGER]
    assert missed == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_danger_now_violence_in_the_past_or_a_question_about_it_is_not_an_emergency(
        lexicons, language: str) -> None:
    phrasings = _phrasings(language)["not_danger"]
    assert len(phrasings) >= MINIMUM
    alarmed = [text for text in phrasings if danger_signal(text, language, lexicons) is not None]
    assert alarmed == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_danger_now_is_recognised_without_knowing_the_conversation_language(
        lexicons, language: str) -> None:
    """A person in danger may write in another language than the conversation's."""
    missed = [text for text in _phrasings(language)["danger_now"]
              if danger_signal(text, "en" if language != "en" else "de", lexicons) != DANGER]
    assert missed == []


def test_danger_now_a_past_phrase_never_cancels_a_danger_phrase(lexicons) -> None:
    text = "he attacked me last week and now he is outside my door with a knife"
    assert danger_signal(text, "en", lexicons) == DANGER


def test_danger_now_a_verb_in_two_parts_is_found_across_a_few_words(lexicons) -> None:
    assert danger_signal("Ich werde von zwei Männern verfolgt", "de", lexicons) == DANGER
    assert danger_signal("Ich wurde gestern verfolgt, was kann ich tun?", "de", lexicons) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_witnessing_an_attack_on_someone_else_gets_112_first(lexicons, language: str) -> None:
    """Seeing someone attacked ("what can I do if…?") may be happening now: 112 before the advice
    (the emergency check, not the "you said you are in danger" reply)."""
    phrasings = _phrasings(language)["witness"]
    missed = [text for text in phrasings if danger_signal(text, language, lexicons) is None]
    assert missed == []


def test_a_witness_of_an_attack_told_in_the_past_is_no_emergency(lexicons) -> None:
    assert danger_signal("I witnessed an attack yesterday, how can I report it?", "en",
                         lexicons) is None
    assert danger_signal("Ich war letzte Woche Zeugin eines Angriffs", "de", lexicons) is None
