"""Requests for a language: "English please", "auf Deutsch", "بالعربي", "Türkçe lütfen"."""

from __future__ import annotations

from . import _data
from ._text import normalize, tokens

MAX_REQUEST_WORDS = 7


def explicit_choice(text: str) -> str | None:
    """The supported language a short message asks for, or None.

    A message counts as a request when it names exactly one language (in any of
    our languages) and every other word is a request word ("please", "bitte",
    "in", "speak"...), so "I am learning German" is not a request.
    """
    words = tokens(normalize(text or ""))
    if not words or len(words) > MAX_REQUEST_WORDS:
        return None
    names = _data.language_name_words()
    fillers = _data.request_fillers()
    named = {names[w] for w in words if w in names}
    if len(named) != 1:
        return None
    if all(w in names or w in fillers for w in words):
        return named.pop()
    return None
