"""The kind of answer a question wants, from its question words: how, where or who, and
whether it asks what something is.

The intent classifier tells "how do I register my child for school" from "where do I
register" only as well as its examples let it, and it also takes some how-questions for a
request to check eligibility. The question word says it plainly in every language, so
when the words of exactly one kind are in the message, that kind decides (the words are
data: bot/catalogue/data/question_words.yml). Words of several kinds, or none, leave the
decision to NLU.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.reports.lexicon import Phrase, compile_phrases, normalise

__all__ = ["KINDS", "QUESTION_WORDS", "asked_kind", "asks_what_it_is", "question_asked",
           "single_question_words"]

KINDS = ("how", "where", "who")
QUESTION_WORDS = Path(__file__).resolve().parent / "data" / "question_words.yml"


@dataclass(frozen=True)
class _Words:
    kinds: dict[str, tuple[Phrase, ...]]
    others: tuple[Phrase, ...]
    what: tuple[Phrase, ...] = ()


@cache
def _lists(path: Path) -> dict[str, dict[str, list[str]]]:
    """The word lists per language as written in the file, read once."""
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@cache
def _words(path: Path = QUESTION_WORDS) -> dict[str, _Words]:
    return {
        language: _Words({kind: compile_phrases(lists.get(kind) or ()) for kind in KINDS},
                         compile_phrases(lists.get("not") or ()),
                         compile_phrases(lists.get("what") or ()))
        for language, lists in _lists(path).items()
    }


@cache
def single_question_words(path: Path = QUESTION_WORDS) -> frozenset[str]:
    """The one-word phrases of the how, where and who lists in every language ("where",
    "gdzie", "كيف", "kostet"), as written: words that ask, never a topic."""
    return frozenset(phrase.rstrip("$") for lists in _lists(path).values() for kind in KINDS
                     for phrase in lists.get(kind) or () if " " not in phrase.strip())


def asked_kind(text: str, language: str) -> str | None:
    """"how", "where" or "who" when only that kind's words are in `text`, else None."""
    read = _read(text, language)
    return _kind(*read) if read is not None else None


def asks_what_it_is(text: str, language: str) -> bool:
    """"What is a Kita?", "Что такое WBS?": the person wants the thing described, which
    no eligibility interview does."""
    read = _read(text, language)
    return read is not None and _what(*read)


def question_asked(text: str, language: str) -> str | None:
    """The kind of answer a question word asks for: "how", "where" or "who" (asked_kind),
    else "service" for "what is …" (asks_what_it_is), else None: no question word."""
    read = _read(text, language)
    if read is None:
        return None
    return _kind(*read) or ("service" if _what(*read) else None)


def _kind(words: _Words, normalised: str) -> str | None:
    found = [kind for kind, phrases in words.kinds.items()
             if any(phrase.pattern.search(normalised) for phrase in phrases)]
    return found[0] if len(found) == 1 else None


def _what(words: _Words, normalised: str) -> bool:
    return any(phrase.pattern.search(normalised) for phrase in words.what)


def _read(text: str, language: str) -> tuple[_Words, str] | None:
    """The language's words and the text normalised without the phrases that only look
    like question words; None for a language without words, an empty text or a payload."""
    words = _words().get(language)
    if words is None or not text or text.startswith("/"):
        return None
    normalised = f" {normalise(text)} "
    for phrase in words.others:
        normalised = phrase.pattern.sub(" ", normalised)
    return words, normalised
