"""Text as matching compares it: one folding for the report lexicons and the catalogue search.

People type on whatever keyboard they have: without accents or Arabic vowel marks, with a
Persian yeh in an Arabic word or an Arabic kaf in a Persian one, with Persian digits, and
Pashto on a Persian keyboard. Both sides of every comparison (a message and the
phrase lists of bot/reports/lexicon.py; a message and the catalogue texts indexed by
bot/catalogue/search.py) go through `fold`, so the lists may be written correctly and
still match. Arabic-script letters are folded to the Arabic form (ی to ي, ک to ك), the
form the search's stemming rules are written in. The two differ in two parameters of
`words`, each for a reason given there and in bot/reports/lexicon.py's `normalise`.

The language detector must not use this (bot/language/_text.py): ي against ی is exactly
what tells Arabic from Persian.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["LETTERS", "PART_MARKS", "PASHTO_AS_PERSIAN", "fold", "words"]

#: One form per letter: Arabic alef maksura, yeh, kaf and heh variants and teh marbuta;
#: Latin letters without a decomposition; Arabic-Indic and Persian digits; apostrophes of
#: any shape as "'". Tatweel, soft hyphen, zero-width joiner and direction marks are
#: dropped.
LETTERS = str.maketrans(
    {
        "ى": "ي", "ی": "ي", "ے": "ي", "ئ": "ي",
        "ک": "ك", "ڪ": "ك",
        "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه",
        "\u0640": "",  # tatweel
        "\u200d": "", "\u200e": "", "\u200f": "", "\u00ad": "",
        "ß": "ss", "ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe",
        "’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'",
    }
    | {chr(0x0660 + digit): str(digit) for digit in range(10)}
    | {chr(0x06F0 + digit): str(digit) for digit in range(10)}
)
#: Pashto letters as people type them on a Persian keyboard, which lacks them: ښ as ش,
#: ټ as ت, ې as ي. Distinct letters, so folded only where whole words are compared (the
#: search); phrase lists that match inside words in every language would find the Pashto
#: "ګواه" (witness) in the Persian "گواهی" (certificate) and "واټ" (street) in the Arabic
#: "خطوات" (steps).
PASHTO_AS_PERSIAN = str.maketrans(
    {
        "ې": "ي", "ۍ": "ي", "ګ": "گ",
        "ښ": "ش", "ږ": "ژ", "ټ": "ت", "ډ": "د", "ړ": "ر", "ڼ": "ن",
    }
)
_WITH_PASHTO_AS_PERSIAN = LETTERS | PASHTO_AS_PERSIAN
#: Marks between the parts of one written word: the apostrophe ("Ankara'da", "l'école")
#: and the Persian zero-width non-joiner ("ثبت‌نام"), which people often leave out.
PART_MARKS = "'\u200c"
_WITHOUT_PART_MARKS = str.maketrans("", "", PART_MARKS)
_WORD = re.compile(r"[^\W_]+")


def fold(text: str, *, pashto_as_persian: bool = True) -> str:
    """`text` lower case (Turkish İ and ı as i), without accents or vowel marks, one form
    per letter (LETTERS, and PASHTO_AS_PERSIAN unless told not to), ASCII digits;
    punctuation and PART_MARKS stay where they are."""
    table = _WITH_PASHTO_AS_PERSIAN if pashto_as_persian else LETTERS
    # The table first as well: "´" typed as an apostrophe decomposes to a space and an accent.
    decomposed = unicodedata.normalize("NFKD", text.translate(table))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold().translate(table)


def words(text: str, *, join_parts: bool = False, pashto_as_persian: bool = True) -> list[str]:
    """The words of `fold(text, pashto_as_persian=...)`, in order.

    A part mark separates two words unless `join_parts`: then "می‌خواهم" is "میخواهم" and
    "Ankara'da" is "ankarada", as the phrase lists match them (a list entry may be found
    inside a word). The search keeps the parts apart and indexes neighbouring parts joined.
    """
    folded = fold(text, pashto_as_persian=pashto_as_persian)
    if join_parts:
        folded = folded.translate(_WITHOUT_PART_MARKS)
    return _WORD.findall(folded)
