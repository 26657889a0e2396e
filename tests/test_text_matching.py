"""Text as matching compares it (bot/text_matching.py): one folding for lists and search."""
from __future__ import annotations

import pytest

from bot.text_matching import fold, words


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("كيف", "كيف"),
        ("ی", "ي"),  # Persian yeh and Arabic yeh
        ("ک", "ك"),  # Persian keheh and Arabic kaf
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("أحمد إلى آخر", "احمد الي اخر"),  # alef forms and alef maksura
        ("مـــدرسة", "مدرسه"),  # tatweel
        ("مَدْرَسَة", "مدرسه"),  # short vowels
        ("۱۲۳ ١٢٣", "123 123"),  # Persian and Arabic-Indic digits
        ("Écòle ŞÇĞ straße", "ecole scg strasse"),
        ("İSTANBUL Işık", "istanbul isik"),  # Turkish dotted and dotless i
        ("ŁÓDŹ Œuvre", "lodz oeuvre"),  # capitals of letters without a decomposition
        ("Київ", "Киів"),
        ("ښوونځي", "شوونځي"),  # Pashto letter typed on a Persian keyboard
    ],
)
def test_spellings_of_the_same_word_are_folded_alike(variant: str, canonical: str) -> None:
    assert fold(variant) == fold(canonical)


def test_apostrophes_of_any_shape_are_one_mark() -> None:
    assert fold("don’t") == fold("don´t") == fold("don't")


def test_part_marks_separate_words_unless_the_parts_are_joined() -> None:
    assert words("ثبت‌نام") == ["ثبت", "نام"]
    assert words("ثبت‌نام", join_parts=True) == words("ثبتنام") == ["ثبتنام"]
    assert words("Ankara'da", join_parts=True) == ["ankarada"]


def test_pashto_letters_stay_apart_when_asked() -> None:
    assert fold("ګواه", pashto_as_persian=False) != fold("گواه", pashto_as_persian=False)
    assert fold("ګواه") == fold("گواه")
