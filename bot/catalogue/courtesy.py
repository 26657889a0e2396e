"""Whether a message says thanks or goodbye, by its words (bot/catalogue/data/courtesy.yml).

DIET takes some statements of need for a goodbye ("شب جایی برای خواب ندارم", I have nowhere
to sleep tonight): a message without any word of thanks or goodbye, in any of our
languages, that clearly names a service is answered with it instead.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.reports.lexicon import Phrase, compile_phrases, normalise

__all__ = ["COURTESY_WORDS", "is_courtesy"]

COURTESY_WORDS = Path(__file__).resolve().parent / "data" / "courtesy.yml"


@cache
def _phrases(path: Path = COURTESY_WORDS) -> tuple[Phrase, ...]:
    """Every language's words: a goodbye typed in another language is still one."""
    lists = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return compile_phrases(word for words in lists.values() for word in words)


def is_courtesy(text: str) -> bool:
    """Whether `text` has a word of thanks or goodbye in any supported language."""
    normalised = f" {normalise(text)} "
    return any(phrase.pattern.search(normalised) for phrase in _phrases())
