"""Text clean-up and tokenising shared by detection and explicit choices."""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#]\w+", re.IGNORECASE)
# Arabic short vowels, shadda, sukun, superscript alef and tatweel carry no language signal.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "\u200c": "", "\u200d": ""})
_TOKEN = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")


def normalize(text: str) -> str:
    """NFC text without links, e-mail addresses, handles, Arabic vowel marks or joiners."""
    text = unicodedata.normalize("NFC", text)
    text = _URL.sub(" ", text)
    text = _ARABIC_MARKS.sub("", text)
    return text.translate(_APOSTROPHES)


def tokens(text: str) -> list[str]:
    """Lower-cased words of already normalised text (letters, inner apostrophes and hyphens)."""
    return [t.casefold() for t in _TOKEN.findall(text)]
