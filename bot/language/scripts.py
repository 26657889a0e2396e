"""Unicode scripts of letters, and the letters that single out one language.

The writing system alone settles many cases that statistics get wrong on short
text: Ethiopic is Tigrinya for us, a Persian گ or a Ukrainian ї is decisive.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

# Scripts we do not speak at all, mapped to the most likely language written in them.
UNSUPPORTED_SCRIPTS: dict[str, str] = {
    "cjk": "zh", "hiragana": "ja", "katakana": "ja", "hangul": "ko", "greek": "el",
    "hebrew": "he", "thai": "th", "armenian": "hy", "georgian": "ka", "devanagari": "hi",
    "bengali": "bn", "tamil": "ta", "telugu": "te", "gujarati": "gu", "gurmukhi": "pa",
    "kannada": "kn", "malayalam": "ml", "sinhala": "si", "khmer": "km", "lao": "lo",
    "myanmar": "my", "tibetan": "bo", "mongolian": "mn", "syriac": "syr", "thaana": "dv",
    "oriya": "or", "nko": "nqo", "tifinagh": "ber", "cherokee": "chr", "bopomofo": "zh",
}

_NAME_PREFIXES = {
    "LATIN": "latin", "CYRILLIC": "cyrillic", "ARABIC": "arabic", "ETHIOPIC": "ethiopic",
    "CJK": "cjk", "HIRAGANA": "hiragana", "KATAKANA": "katakana", "HANGUL": "hangul",
    "GREEK": "greek", "HEBREW": "hebrew", "THAI": "thai", "ARMENIAN": "armenian",
    "GEORGIAN": "georgian", "DEVANAGARI": "devanagari", "BENGALI": "bengali",
    "TAMIL": "tamil", "TELUGU": "telugu", "GUJARATI": "gujarati", "GURMUKHI": "gurmukhi",
    "KANNADA": "kannada", "MALAYALAM": "malayalam", "SINHALA": "sinhala", "KHMER": "khmer",
    "LAO": "lao", "MYANMAR": "myanmar", "TIBETAN": "tibetan", "MONGOLIAN": "mongolian",
    "SYRIAC": "syriac", "THAANA": "thaana", "ORIYA": "oriya", "NKO": "nko",
    "TIFINAGH": "tifinagh", "CHEROKEE": "cherokee", "BOPOMOFO": "bopomofo",
}

# Letters (lower case) that appear in one language's ordinary spelling and not in another's.
# A letter absent from a language's set counts against that language.
LATIN_ALPHABETS: dict[str, frozenset[str]] = {
    "en": frozenset(),
    "so": frozenset(),
    "de": frozenset("äöüß"),
    "tr": frozenset("çğıöşüâîû"),
    "pl": frozenset("ąćęłńóśźż"),
    "ro": frozenset("ăâîșțşţ"),
    "es": frozenset("áéíóúñü"),
    "fr": frozenset("àâæçéèêëîïôœùûüÿ"),
}

# Plain letters outside a language's alphabet, seen only in loan words and names: Turkish
# writes no q, w or x (Somali, its closest neighbour on short words, writes many).
LATIN_LOAN_LETTERS: dict[str, frozenset[str]] = {"tr": frozenset("qwx")}

CYRILLIC_ALPHABETS: dict[str, frozenset[str]] = {
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
    "ru": frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
}

# Cyrillic letters of languages we do not speak.
CYRILLIC_UNSUPPORTED: dict[str, str] = {
    "ў": "be", "ђ": "sr", "ћ": "sr", "џ": "sr", "љ": "sr", "њ": "sr", "ј": "sr",
    "ѓ": "mk", "ќ": "mk", "ѕ": "mk", "ә": "kk", "ғ": "kk", "қ": "kk", "ң": "kk", "ө": "kk",
    "ұ": "kk", "ү": "kk", "һ": "kk", "ӣ": "tg", "ӯ": "tg", "ҳ": "tg", "ҷ": "tg",
}

# Letters that only one of our languages has and its unsupported neighbours lack: with them
# present, a text is not Bulgarian, Italian or Portuguese even if langdetect thinks so.
SIGNATURE_LETTERS: dict[str, frozenset[str]] = {
    "ro": frozenset("ășțţ"), "ru": frozenset("ыэё"), "uk": frozenset("їєґ"),
    "pl": frozenset("łąęśźżć"), "tr": frozenset("ığ"), "de": frozenset("ßä"),
    "es": frozenset("ñ¿¡"),
}

PASHTO_LETTERS = frozenset("ټډړښږګځڅېۍڼ")
URDU_LETTERS = frozenset("ٹڈڑںےۓھ")
KURDISH_LETTERS = frozenset("ێۆڵڕەڤ")
PERSIAN_LETTERS = frozenset("پچژگیک")  # also Pashto and Urdu
# Arabic spellings: ة and ى are rare in Persian; ي and ك also come from Arabic keyboards
# that Persian writers use, so they weigh less.
ARABIC_STRONG_LETTERS = frozenset("ةى")
ARABIC_WEAK_LETTERS = frozenset("يكإ")

# Tigrinya-only syllables (the qhä and xä series) and frequent words, versus Amharic words.
TIGRINYA_SYLLABLES = frozenset("ቐቑቒቓቔቕቖኸኹኺኻኼኽኾ")


@lru_cache(maxsize=4096)
def script_of(char: str) -> str | None:
    """The script a letter belongs to (lower-case name), or None for non-letters."""
    if not char.isalpha():
        return None
    try:
        name = unicodedata.name(char)
    except ValueError:
        return "other"
    return _NAME_PREFIXES.get(name.split(" ", 1)[0], "other")


def script_counts(text: str) -> Counter[str]:
    """How many letters of each script the text has."""
    counts: Counter[str] = Counter()
    for char in text:
        script = script_of(char)
        if script is not None:
            counts[script] += 1
    return counts
