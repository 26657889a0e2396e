"""Word lists shipped in data/, read on first use and kept in memory."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ._text import normalize

DATA_DIR = Path(__file__).resolve().parent / "data"


def _lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a UTF-8 file, normalised like user text."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(normalize(line).casefold())
    return lines


@cache
def word_lists() -> dict[str, frozenset[str]]:
    """Frequent words per language (data/words/<code>.txt), unsupported ones included."""
    return {p.stem: frozenset(_lines(p)) for p in sorted((DATA_DIR / "words").glob("*.txt"))}


@cache
def transliterations() -> dict[str, frozenset[str]]:
    """Latin spellings of words of languages written in another script."""
    return {p.stem: frozenset(_lines(p)) for p in sorted((DATA_DIR / "translit").glob("*.txt"))}


@cache
def language_name_words() -> dict[str, str]:
    """Words naming a language (any language's word for it) -> its code."""
    names: dict[str, str] = {}
    for line in _lines(DATA_DIR / "explicit" / "names.txt"):
        code, word = line.split(maxsplit=1)
        names[word] = code
    return names


@cache
def request_fillers() -> frozenset[str]:
    """Words that may surround a language name in a request for that language."""
    return frozenset(_lines(DATA_DIR / "explicit" / "fillers.txt"))


@cache
def neutral_words() -> frozenset[str]:
    """Words typed in every language ("ok", "taxi") that say nothing about the language."""
    return frozenset(_lines(DATA_DIR / "neutral.txt"))


@cache
def suffixes() -> dict[str, tuple[str, ...]]:
    """Typical word endings per language (data/suffixes/<code>.txt), longest first."""
    return {
        p.stem: tuple(sorted(set(_lines(p)), key=len, reverse=True))
        for p in sorted((DATA_DIR / "suffixes").glob("*.txt"))
    }


@cache
def inflections() -> dict[str, tuple[str, ...]]:
    """Inflectional endings per language (data/inflections/<code>.txt), longest first."""
    return {
        p.stem: tuple(sorted(set(_lines(p)), key=len, reverse=True))
        for p in sorted((DATA_DIR / "inflections").glob("*.txt"))
    }
