"""The quality gate every machine translation passes before anyone reads it.

Real models fail quietly: given three sentences, zh -> en 1.9 translated the last and
dropped two; others repeat a phrase until the length limit or hand back the source. A
reader cannot see what is missing, so a translation is shown only if
- every placeholder of the source is in it exactly once;
- each sentence's translation is neither much shorter nor much longer than the sentence
  (sizes compared in Latin-letter equivalents, sentences.weight: a Han character counts
  as three letters, so Chinese and English sentences of the same meaning weigh about alike);
- it does not copy the source, and does not loop on a repeated word or phrase;
- every number and phone number of the source is in it, digit for digit.
A translation that fails is withheld (the renderer then shows the English text with the
"not yet available in your language" notice) and counted per language pair (GateCounts),
with no text kept.
"""
from __future__ import annotations

import difflib
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TypedDict

from bot.machine_translation import placeholders
from bot.machine_translation.sentences import WIDE_WEIGHT, has_words, weight

# Per sentence: out/in weight within [MIN_RATIO, MAX_RATIO], with SLACK letters either way
# for short sentences ("Hello." -> "Hallo.", "OK" -> "حسناً").
# zh -> en 1.9 writes 0.9 to 1.4 times the weight it reads, and about half when it drops
# one clause of two (measured); the other pairs are expected within the same band.
MIN_RATIO, MAX_RATIO, SLACK = 0.7, 3.0, 8
# Copying: this similar to the source, over at least this many letters.
COPY_SIMILARITY, COPY_MIN_LETTERS = 0.9, 12
# Looping: a unit repeated this many times in a row (units of 1 to 3 words), or a phrase
# of LONG_PHRASE words or more twice in a row.
LOOP_REPEATS, LONG_PHRASE = 3, 4
_PHONE = re.compile(r"\+?\d[\d \-/]{5,}\d")
PHONE_MIN_DIGITS = 6
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\w+")

REASONS = ("placeholders", "length", "copy", "loop", "numbers")
# Raise when a check or threshold changes: cached verdicts and translations are then redone.
VERSION = 1


@dataclass(frozen=True)
class Verdict:
    """passed, or the first reason it failed (one of REASONS)."""

    reason: str | None = None

    @property
    def passed(self) -> bool:
        return self.reason is None


PASSED = Verdict()


def check_sentence(source: str, translated: str) -> Verdict:
    """One sentence against its translation: length, copy, loop."""
    if not has_words(source):
        return PASSED
    size_in, size_out = weight(source), weight(translated)
    if not MIN_RATIO * size_in - SLACK <= size_out <= MAX_RATIO * size_in + SLACK:
        return Verdict("length")
    return check_copy_and_loop(source, translated)


def check_copy_and_loop(source: str, translated: str) -> Verdict:
    if _copies(source, translated):
        return Verdict("copy")
    if _loops(translated) and not _loops(source):
        return Verdict("loop")
    return PASSED


def check_template(source: str, translated: str) -> Verdict:
    """The whole translated template against its source: placeholders and numbers."""
    try:
        got = placeholders.parse(translated)
    except ValueError:
        return Verdict("placeholders")
    wanted = placeholders.parse(source)
    if Counter(got.fields) != Counter(wanted.fields):
        return Verdict("placeholders")
    if not _numbers_kept(" ".join(wanted.literals), " ".join(got.literals)):
        return Verdict("numbers")
    return PASSED


def _letters(text: str) -> str:
    return "".join(character.casefold() for character in text if character.isalnum())


def _copies(source: str, translated: str) -> bool:
    a, b = _letters(source), _letters(translated)
    if len(a) < COPY_MIN_LETTERS or not b:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= COPY_SIMILARITY


def _units(text: str) -> list[str]:
    """Words, and each character of scripts written without spaces."""
    units: list[str] = []
    for word in _WORD.findall(text.casefold()):
        if weight(word) >= WIDE_WEIGHT * len(word):  # Han, kana, Hangul: a unit a character
            units.extend(word)
        else:
            units.append(word)
    return units


def _loops(text: str) -> bool:
    units = _units(text)
    for size in range(1, LONG_PHRASE * 2):
        repeats = LOOP_REPEATS if size < LONG_PHRASE else 2
        for start in range(len(units) - size * repeats + 1):
            first = units[start:start + size]
            if all(
                units[start + size * k:start + size * (k + 1)] == first
                for k in range(1, repeats)
            ):
                return True
    return False


def _digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def _numbers_kept(source: str, translated: str) -> bool:
    """Every phone number's digits, and every other number, are in the translation."""
    source, translated = _digits(source), _digits(translated)
    phones_in, rest_in = _phones(source)
    phones_out, rest_out = _phones(translated)
    squeezed_out = re.sub(r"[ \-/]", "", translated)
    if any(phone not in phones_out and phone not in squeezed_out for phone in phones_in):
        return False
    numbers_in, numbers_out = _number_values(rest_in), _number_values(rest_out)
    return all(numbers_out[number] >= count for number, count in numbers_in.items())


def _number_values(text: str) -> Counter[int]:
    """Numbers by value: "01.02." and "1.2." say the same."""
    return Counter(int(number) for number in _NUMBER.findall(text))


def _phones(text: str) -> tuple[list[str], str]:
    """The digits of each phone number (six digits or more), and the text without them."""
    phones, rest, position = [], [], 0
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if len(digits) >= PHONE_MIN_DIGITS:
            phones.append(digits)
            rest.append(text[position:match.start()])
            position = match.end()
    rest.append(text[position:])
    return phones, " ".join(rest)


class PairFigures(TypedDict):
    """One language pair's row of GateCounts.figures() (JSON on the action server)."""

    source: str
    target: str
    shown: int
    withheld: int
    reasons: dict[str, int]


class GateCounts:
    """Translations shown and withheld per language pair, for the monitoring figures.

    Counted each time a text is asked for (a cached verdict counts again), per process.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._shown: Counter[tuple[str, str]] = Counter()
        self._withheld: Counter[tuple[str, str, str]] = Counter()

    def shown(self, source: str, target: str) -> None:
        with self._lock:
            self._shown[(source, target)] += 1

    def withheld(self, source: str, target: str, reason: str) -> None:
        with self._lock:
            self._withheld[(source, target, reason)] += 1

    def withheld_count(self, source: str, target: str) -> int:
        with self._lock:
            return sum(n for (s, t, _), n in self._withheld.items() if (s, t) == (source, target))

    def figures(self) -> list[PairFigures]:
        """One row per pair: {"source", "target", "shown", "withheld", "reasons"}."""
        with self._lock:
            pairs = set(self._shown) | {(s, t) for s, t, _ in self._withheld}
            rows: list[PairFigures] = []
            for source, target in sorted(pairs):
                reasons = {
                    reason: n
                    for (s, t, reason), n in sorted(self._withheld.items())
                    if (s, t) == (source, target)
                }
                rows.append({
                    "source": source,
                    "target": target,
                    "shown": self._shown[(source, target)],
                    "withheld": sum(reasons.values()),
                    "reasons": reasons,
                })
            return rows
