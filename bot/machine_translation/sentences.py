"""Sentence splitting that needs no model, so nothing is downloaded to split a text.

Splits after . ! ? … and the Arabic, Ethiopic and Urdu full stops when a space follows
and the next word does not start with a small letter or a digit (so "Nr. 5" and
"z.B. am Montag" stay whole). Responses are short; this is enough for them.
"""
from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?…؟።፧۔])[\"'”’»)]*\s+(?=[^\s\d])")


def split_paragraphs(text: str) -> list[str]:
    return text.split("\n")


def split_sentences(paragraph: str) -> list[tuple[str, str]]:
    """(sentence, the whitespace that followed it) pairs that join back to the paragraph."""
    parts: list[tuple[str, str]] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        following = paragraph[match.end():match.end() + 1]
        if following.islower():
            continue
        end = match.start() + len(match.group(0).rstrip())
        parts.append((paragraph[start:end], paragraph[end:match.end()]))
        start = match.end()
    parts.append((paragraph[start:], ""))
    return [(sentence, gap) for sentence, gap in parts if sentence or gap]


def has_words(text: str) -> bool:
    """Only text with letters goes to a model; "112", "[3]" and "-" are kept as they are."""
    return any(character.isalpha() for character in text)
