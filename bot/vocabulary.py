"""Does a message use words the assistant was trained on?

DIET is sure of itself even on "qwzx vbnm" or "?!?!": a softmax always picks some
intent. A message in which no word resembles anything in the training data is not
understood, whatever the classifier says, and is better answered with "please say it
in other words" (and, later, a catalogue search) than with a confident wrong answer.
"""
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_FUZZY_LENGTH = 4


def words(text: str) -> list[str]:
    """Letters-only words, case-folded, without diacritics that people often leave out."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(plain)


def _one_edit_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@dataclass(frozen=True)
class Vocabulary:
    known: frozenset[str]

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Vocabulary":
        return cls(frozenset(word for text in texts for word in words(text)))

    def knows(self, word: str) -> bool:
        """Known as written, or one typing error away from a known word of 4+ letters."""
        if word in self.known:
            return True
        if len(word) < MIN_FUZZY_LENGTH:
            return False
        return any(
            len(known) >= MIN_FUZZY_LENGTH and _one_edit_apart(word, known) for known in self.known
        )

    def known_fraction(self, text: str) -> float:
        """Share of the message's words we know; 0.0 when it has no words at all."""
        found = words(text)
        if not found:
            return 0.0
        return sum(self.knows(word) for word in found) / len(found)
