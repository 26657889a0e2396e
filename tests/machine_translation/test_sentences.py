"""Sentence splitting without a downloaded model."""
from bot.machine_translation.sentences import (
    MAX_SENTENCE_WEIGHT,
    has_words,
    joiner,
    split_sentences,
    weight,
)


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


def test_sentences_split_at_full_stops_written_without_a_space() -> None:
    text = "您可以在教育局为您的孩子办理入学登记。请携带您的护照和户籍登记证明。电话号码是 [1]。"
    assert _sentences(text) == [
        "您可以在教育局为您的孩子办理入学登记。",
        "请携带您的护照和户籍登记证明。",
        "电话号码是 [1]。",
    ]
    assert _sentences("你好！你是谁？我在这里。") == ["你好！", "你是谁？", "我在这里。"]
    assert _sentences("ሰላም።ከመይ ኣለኻ፧ጽቡቕ") == ["ሰላም።", "ከመይ ኣለኻ፧", "ጽቡቕ"]
    assert _sentences("كيف حالك؟بخير") == ["كيف حالك؟", "بخير"]
    assert _sentences("「好。」然后") == ["「好。」", "然后"]


def test_sentences_cut_an_over_long_sentence_at_a_clause_mark() -> None:
    clause = "the office helps with the flat, the school, the course and the job"
    text = ", ".join([clause] * 8) + "."
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(weight(piece) <= MAX_SENTENCE_WEIGHT for piece, _ in pieces)
    assert all(piece.endswith(",") for piece, _ in pieces[:-1])
    assert "".join(piece + gap for piece, gap in pieces) == text


def test_sentences_cut_an_over_long_chinese_sentence_without_spaces() -> None:
    text = "您可以在教育局为您的孩子办理入学登记" * 8 + "。"
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(weight(piece) <= MAX_SENTENCE_WEIGHT for piece, _ in pieces)
    assert "".join(piece + gap for piece, gap in pieces) == text


def test_sentences_joined_after_translation_get_a_space_only_where_the_target_writes_one() -> None:
    assert joiner("", "en") == " "
    assert joiner("  ", "en") == "  "
    assert joiner("", "zh") == ""
