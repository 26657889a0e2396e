"""A message made of words never seen in training is not understood, in any script."""
import pytest

from bot.vocabulary import Vocabulary, words

VOCABULARY = Vocabulary.from_texts(
    ["Hello there", "I want to talk to a person", "مرحبا", "Привіт", "ሰላም",
     "Ich möchte eine Wohnung"]
)


@pytest.mark.parametrize(
    "text", ["hello", "HELLO!", "helo there", "مرحبا", "привіт", "ሰላም", "talk to a persn"]
)
def test_known_words_and_small_typos_are_understood(text: str) -> None:
    assert VOCABULARY.known_fraction(text) >= 0.5


@pytest.mark.parametrize("text", ["qwzx vbnm plk", "?!?!", "👍", "", "12345", "zzzt blorp"])
def test_gibberish_symbols_and_numbers_are_not_understood(text: str) -> None:
    assert VOCABULARY.known_fraction(text) == 0.0


def test_words_ignore_case_digits_and_missing_accents() -> None:
    assert words("Möchte 3 Wohnungen!") == ["mochte", "wohnungen"]
