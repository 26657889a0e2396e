"""How often each word occurs in each language (data/frequencies, built by build_frequencies).

Kept compact in memory: per language, a sorted array of the words' hashes and their
frequency in centibels (two bytes). Python's string hash differs between processes, so the
arrays are built when first needed, from the committed word lists.
"""

from __future__ import annotations

import gzip
import math
import threading
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ._data import DATA_DIR

if TYPE_CHECKING:
    import numpy as np

FREQUENCY_DIR = DATA_DIR / "frequencies"
_lock = threading.Lock()
# German compounds (compound_log_frequency): words of COMPOUND_MIN_LETTERS letters or more.
COMPOUND_MIN_LETTERS = 8
COMPOUND_PENALTY = 2.0
# Inflected words (inflected_log_frequency): stems of INFLECTION_MIN_STEM letters or more,
# at most INFLECTION_DEPTH endings removed, INFLECTION_PENALTY nats per ending.
INFLECTION_MIN_STEM = 4
INFLECTION_DEPTH = 2
INFLECTION_PENALTY = 3.0
# Turkish: a back-vowel stem takes back-vowel endings, a front-vowel stem front ones
# (vowel harmony; o and ö only occur in invariant endings such as -yor).
_BACK, _FRONT = frozenset("aıu"), frozenset("eiü")
_VOWELS = frozenset("aıoueiöü")
# Stem-final sounds that change before an ending: Turkish p ç t k voice between vowels
# (kitap -> kitabı, ağaç -> ağacı, renk -> rengi).
_ALTERNATIONS: dict[str, dict[str, str]] = {
    "tr": {"b": "p", "c": "ç", "d": "t", "ğ": "k", "g": "k"},
}
# Endings that swallowed the stem's last sound: Somali l + t gives sh (nolol -> nolo|sha).
_SWALLOWED: dict[str, dict[str, str]] = {"so": {"sh": "l"}}
# log(10) / 100: centibels to natural log.
_CB = math.log(10) / 100


class _Table:
    """One language's words: hashes sorted, with centibels in the same order."""

    def __init__(self, text: str) -> None:
        import numpy as np  # here: processes that only need bot.language.SUPPORTED skip numpy

        hashes: list[int] = []
        centibels: list[int] = []
        for line in text.splitlines():
            value, *words = line.split(" ")
            hashes.extend(hash(w) for w in words)
            centibels.extend([int(value)] * len(words))
        order = np.argsort(np.array(hashes, dtype=np.int64), kind="stable")
        self.hashes = np.array(hashes, dtype=np.int64)[order]
        self.centibels = np.array(centibels, dtype=np.uint16)[order]
        self.deepest = int(self.centibels.max()) if len(self.centibels) else 0

    def centibels_of(self, word_hashes: np.ndarray) -> np.ndarray:
        """Centibels of each word, or -1 where the word is not in the table."""
        import numpy as np

        at = np.searchsorted(self.hashes, word_hashes)
        at = np.minimum(at, len(self.hashes) - 1)
        found = self.hashes[at] == word_hashes
        return np.where(found, self.centibels[at].astype(np.int64), -1)


@cache
def _tables() -> dict[str, _Table]:
    with _lock:
        return {
            p.name.split(".")[0]: _Table(gzip.decompress(p.read_bytes()).decode("utf-8"))
            for p in sorted(FREQUENCY_DIR.glob("*.txt.gz"))
        }


def languages() -> frozenset[str]:
    """The languages that have a frequency table."""
    return frozenset(_tables())


def log_frequencies(words: list[str], candidates: tuple[str, ...]) -> dict[str, list[float | None]]:
    """Natural log of each word's frequency per candidate; None where a table lacks the word."""
    import numpy as np

    tables = _tables()
    word_hashes = np.array([hash(w) for w in words], dtype=np.int64)
    result: dict[str, list[float | None]] = {}
    for code in candidates:
        if code not in tables:
            continue
        found = tables[code].centibels_of(word_hashes)
        result[code] = [None if c < 0 else -_CB * float(c) for c in found]
    return result


def compound_log_frequency(word: str, code: str) -> float | None:
    """Log frequency of a compound of two words of the table ("grippe|anfall"), with or
    without a linking s ("arbeits|amt"): the tail's, lowered by COMPOUND_PENALTY.
    None if the word does not split so (heads of 3 letters or more, tails of 4 or more)."""
    import numpy as np

    if code not in _tables() or len(word) < COMPOUND_MIN_LETTERS:
        return None
    splits = range(3, len(word) - 3)
    heads = [word[:i] for i in splits]
    linked = [word[: i - 1] if word[i - 1] == "s" else "" for i in splits]
    tails = [word[i:] for i in splits]
    table = _tables()[code]
    found = [
        table.centibels_of(np.array([hash(w) for w in part], dtype=np.int64))
        for part in (heads, linked, tails)
    ]
    best = None
    for head, link, tail in zip(*found, strict=True):
        if tail >= 0 and (head >= 0 or link >= 0):
            value = -_CB * float(tail) - COMPOUND_PENALTY
            best = value if best is None else max(best, value)
    return best


def _harmonises(stem: str, ending: str, code: str) -> bool:
    """Turkish vowel harmony between the stem's last vowel and the ending's first one; no
    vowel-initial ending right after a vowel (Turkish puts y, n or s between them); no
    doubled vowel in the stem."""
    if code != "tr":
        return True
    if any(v + v in stem for v in "aeiou"):
        return False  # a doubled vowel: a loan word or another language (Somali "aa")
    if stem[-1] in _VOWELS and ending[0] in _VOWELS:
        return False
    last = next((c for c in reversed(stem) if c in _BACK or c in _FRONT or c in "oö"), "")
    first = next((c for c in ending if c in _BACK or c in _FRONT), "")
    if not last or not first:
        return True
    return (last in _BACK or last == "o") == (first in _BACK)


@lru_cache(maxsize=4096)  # words recur in a conversation; bounded (about 2 MB at most)
def stems_of(word: str, code: str, endings: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """Each stem reachable by removing up to INFLECTION_DEPTH endings, with how many."""
    by_last = _by_last_letter(endings)
    found: dict[str, int] = {}
    frontier = [word]
    for level in range(1, INFLECTION_DEPTH + 1):
        reached: list[str] = []
        for current in frontier:
            for ending in by_last.get(current[-1], ()):
                stem = current[: -len(ending)]
                if len(stem) < INFLECTION_MIN_STEM or not current.endswith(ending):
                    continue
                if not _harmonises(stem, ending, code):
                    continue
                variants = [stem]
                for tail, base in _ALTERNATIONS.get(code, {}).items():
                    if stem.endswith(tail):
                        variants.append(stem[: -len(tail)] + base)
                for head, sound in _SWALLOWED.get(code, {}).items():
                    if ending.startswith(head):
                        variants.append(stem + sound)
                for variant in variants:
                    if variant not in found:
                        found[variant] = level
                        reached.append(variant)
        frontier = reached
    return tuple(found.items())


@cache
def _by_last_letter(endings: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Endings grouped by their last letter: a word is only compared with those it ends in."""
    groups: dict[str, list[str]] = {}
    for ending in endings:
        groups.setdefault(ending[-1], []).append(ending)
    return {letter: tuple(group) for letter, group in groups.items()}


def inflected_log_frequency(word: str, code: str, endings: tuple[str, ...]) -> float | None:
    """Log frequency of an inflected form the table lacks, from its stem ("hakem|den",
    "kitab|ı" -> kitap, "magaalo|oyin"): the stem's, lowered by INFLECTION_PENALTY per
    ending removed. None if no listed ending leaves a stem of the table."""
    import numpy as np

    if code not in _tables():
        return None
    stems = stems_of(word, code, endings)
    if not stems:
        return None
    found = _tables()[code].centibels_of(np.array([hash(s) for s, _ in stems], dtype=np.int64))
    best = None
    for (_, level), centibels in zip(stems, found, strict=True):
        if centibels >= 0:
            value = -_CB * float(centibels) - INFLECTION_PENALTY * level
            best = value if best is None else max(best, value)
    return best


def deepest(code: str) -> float:
    """Natural log of the rarest frequency the table of `code` keeps (its floor)."""
    return -_CB * _tables()[code].deepest
