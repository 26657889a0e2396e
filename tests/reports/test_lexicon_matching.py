"""Phrase lists match text as people type it (bot/reports/lexicon.py over bot/text_matching.py)."""
from __future__ import annotations

from bot.reports.lexicon import load_lexicons, matches, normalise
from bot.reports.safety import CRY_FOR_HELP, DANGER, danger_signal


def test_lexicon_persian_phrases_match_arabic_letters_and_missing_half_spaces(routes):
    lexicons = load_lexicons(routes.settings)
    for typed in ("یکی دنبالم می‌آید", "يكي دنبالم مي‌آيد", "یکی دنبالم میآید"):
        assert danger_signal(typed, "fa", lexicons) == DANGER, typed


def test_lexicon_words_are_single_spaced_with_parts_joined():
    assert normalise("  Ankara'da   saldırı!! ") == "ankarada saldiri"


def test_lexicon_pashto_word_is_not_found_inside_a_persian_one(routes):
    pashto = load_lexicons(routes.settings)["ps"]
    assert matches(pashto.witness, normalise("گواهی نامه رانندگی")) == []


def test_lexicon_emergency_number_in_arabic_digits_is_a_cry_for_help(routes):
    lexicons = load_lexicons(routes.settings)
    assert danger_signal("١١٢", None, lexicons) == CRY_FOR_HELP
