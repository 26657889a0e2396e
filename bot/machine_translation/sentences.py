"""Sentence splitting that needs no model, so nothing is downloaded to split a text.

A model translates one sentence at a time; given several, a real model (zh -> en 1.9)
translates the last and drops the others. So:
- after . ! ? … a sentence ends when a space follows and the next word does not start with
  a small letter or a digit ("Nr. 5" and "z.B. am Montag" stay whole);
- after the full stops that are nothing else (CJK 。！？, Ethiopic ። ፧, Arabic ؟, Urdu ۔)
  a sentence ends whether or not a space follows, as those scripts write no space;
- a sentence longer than MAX_SENTENCE_WEIGHT is cut at its last clause mark (, ; : ， 、 ،)
  before that size, else at a space, else hard, so no model gets more than it handles well.
"""
from __future__ import annotations

import re
import unicodedata

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[^\s\d])")
_UNAMBIGUOUS_BOUNDARY = re.compile(r"[。！？｡؟።፧۔][\"'”’»)」』）]*\s*(?=\S)")
_CLAUSE_MARKS = ",;:，；：、،؛፣፤፥"
# About 60 tokens of a usual Argos SentencePiece model: 240 Latin letters or 80 Han characters.
MAX_SENTENCE_WEIGHT = 240
# Scripts written without spaces, where one character carries about a word's meaning.
_WIDE_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC")
WIDE_WEIGHT = 3
# Ethiopic syllables are a consonant and a vowel: about two Latin letters.
SYLLABLE_WEIGHT = 2
# Arabic script leaves short vowels unwritten: a letter stands for about 1.25 Latin ones.
ABJAD_WEIGHT = 1.25
# Languages whose sentences are joined without a space.
NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})


def split_paragraphs(text: str) -> list[str]:
    return text.split("\n")


def split_sentences(paragraph: str) -> list[tuple[str, str]]:
    """(sentence, the whitespace that followed it) pairs that join back to the paragraph."""
    ends = {}
    for match in _BOUNDARY.finditer(paragraph):
        if not paragraph[match.end():match.end() + 1].islower():
            ends[match.start() + len(match.group(0).rstrip())] = match.end()
    for match in _UNAMBIGUOUS_BOUNDARY.finditer(paragraph):
        ends[match.start() + len(match.group(0).rstrip())] = match.end()
    parts: list[tuple[str, str]] = []
    start = 0
    for end in sorted(ends):
        if end <= start:
            continue
        parts.extend(_cut_long(paragraph[start:end]))
        parts[-1] = (parts[-1][0], paragraph[end:ends[end]])
        start = ends[end]
    parts.extend(_cut_long(paragraph[start:]))
    return [(sentence, gap) for sentence, gap in parts if sentence or gap]


def weight(text: str) -> float:
    """A text's size in Latin-letter equivalents, comparable across scripts."""
    total = 0.0
    for character in text:
        if character.isspace():
            total += 1
        elif character.isalnum():
            name = unicodedata.name(character, "")
            if name.startswith(_WIDE_SCRIPTS):
                total += WIDE_WEIGHT
            elif name.startswith("ETHIOPIC"):
                total += SYLLABLE_WEIGHT
            elif name.startswith("ARABIC"):
                total += ABJAD_WEIGHT
            else:
                total += 1
    return total


def _cut_long(sentence: str) -> list[tuple[str, str]]:
    """The sentence in pieces of at most MAX_SENTENCE_WEIGHT, each with the space after it."""
    pieces: list[tuple[str, str]] = []
    while weight(sentence) > MAX_SENTENCE_WEIGHT:
        limit = _prefix_length(sentence, MAX_SENTENCE_WEIGHT)
        cut = _last_cut(sentence, limit)
        piece, rest = sentence[:cut], sentence[cut:]
        gap = rest[:len(rest) - len(rest.lstrip())]
        pieces.append((piece, gap))
        sentence = rest[len(gap):]
    pieces.append((sentence, ""))
    return pieces


def _prefix_length(text: str, budget: int) -> int:
    used = 0.0
    for index, character in enumerate(text):
        used += weight(character)
        if used > budget:
            return max(index, 1)
    return len(text)


def _last_cut(text: str, limit: int) -> int:
    """Where to cut text before limit: after a clause mark, else at a space, else at limit."""
    floor = limit // 3  # never leave a tiny first piece
    for marks in (_CLAUSE_MARKS, None):
        for index in range(limit - 1, floor, -1):
            character = text[index]
            if (marks is None and character.isspace()) or (marks and character in marks):
                return index + 1 if marks else index
    return limit


def split_clauses(sentence: str) -> list[str]:
    """The sentence's clauses, split after each clause mark, without the marks at their ends:
    a second try for a sentence a model translated only in part."""
    clauses, start = [], 0
    for index, character in enumerate(sentence):
        if character in _CLAUSE_MARKS:
            clauses.append(sentence[start:index])
            start = index + 1
    clauses.append(sentence[start:])
    return [clause.strip() for clause in clauses if has_words(clause)]


def joiner(gap: str, target: str) -> str:
    """What goes between two translated sentences: their gap, or a space where the source
    wrote none (Chinese, a cut) and the target writes one."""
    if gap or target in NO_SPACE_LANGUAGES:
        return gap
    return " "


def has_words(text: str) -> bool:
    """Only text with letters goes to a model; "112", "[3]" and "-" are kept as they are."""
    return any(character.isalpha() for character in text)
