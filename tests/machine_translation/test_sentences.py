"""Sentence splitting without a downloaded model."""
from bot.machine_translation.sentences import has_words, split_sentences


def _sentences(text: str) -> list[str]:
    return [sentence for sentence, _ in split_sentences(text)]


def test_sentences_split_at_full_stops_in_several_scripts() -> None:
    assert _sentences("Hello. How are you? Fine!") == ["Hello.", "How are you?", "Fine!"]
    assert _sentences("مرحبا. كيف حالك؟ بخير") == ["مرحبا.", "كيف حالك؟", "بخير"]
    assert _sentences("ሰላም። ከመይ ኣለኻ") == ["ሰላም።", "ከመይ ኣለኻ"]


def test_sentences_do_not_split_before_a_number_or_a_small_letter() -> None:
    text = "Haus Nr. 5 ist offen, ca. zwei Wochen."
    assert _sentences(text) == [text]


def test_sentences_join_back_to_the_text() -> None:
    text = 'He said "Go." Then  left.  '
    assert "".join(s + gap for s, gap in split_sentences(text)) == text


def test_sentences_without_letters_are_not_sent_to_a_model() -> None:
    assert not has_words("112")
    assert not has_words("[3] - 8:00")
    assert has_words("Notruf 112")
