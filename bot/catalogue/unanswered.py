"""Questions the catalogue had no answer for: kept without personal data, reported by language.

Catalogue editors need to know what people ask that the catalogue does not cover, not who
asked. So only the language, the kind of question, the time and the text are kept, and the
text loses everything that may identify someone before it is stored: links, e-mail
addresses, handles, anything with a digit (phone numbers, dates of birth, case numbers),
words that look like names (capitalised inside a sentence, in languages written with
capitals, and the words after "my name is", "Mr", "اسمي", ...). Removed words show as "…".

    python -m bot.catalogue.unanswered [--days 30] [--limit 10]

prints the most frequent gaps per language (docs/answering.md).
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.catalogue.models import UnansweredRow
from bot.db import make_engine, session_scope

__all__ = [
    "LanguageGaps",
    "format_report",
    "record_unanswered",
    "redact",
    "report",
    "report_text",
]

REMOVED = "…"
MAX_LENGTH = 300
_LINK = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[@#]\w+", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DIGIT = re.compile(r"\d")
# Phrases after which people write their name, and titles before a name.
_NAME_INTRODUCERS: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split())
    for phrase in (
        "my name is", "i am called", "i'm called",
        "ich heiße", "ich heisse", "mein name ist",
        "je m'appelle", "mon nom est", "me llamo", "mi nombre es",
        "nazywam się", "mam na imię", "mă numesc", "ma numesc", "numele meu este",
        "benim adım", "adım", "ismim", "меня зовут", "мое имя", "моё имя", "мене звати",
        "моє ім'я", "اسمي", "انا اسمي", "اسم من", "اسمم", "نام من", "زما نوم", "نوم مې",
        "magacaygu", "magacaygu waa", "magacayga", "ስመይ",
        "mr", "mrs", "ms", "dr", "herr", "frau", "monsieur", "madame", "señor", "señora",
        "pan", "pani", "domnul", "doamna", "господин", "госпожа", "пан", "пані", "bay",
        "bayan", "السيد", "السيدة", "آقای", "خانم", "ښاغلی", "میرمن",
    )
)
_NAME_WORDS = 2


def _cased(word: str) -> bool:
    return word.lower() != word.upper()


def redact(text: str, is_known: Callable[[str], bool] | None = None) -> str:
    """`text` without what may identify a person, lower-cased; removed words become "…".

    `is_known` tells words that are not names even when capitalised (the catalogue's own
    terms: "Anmeldung", "Kita"). In German every noun is capitalised, so there only the
    name phrases and titles remove words.
    """
    # A link or address becomes a digit, so it is removed like a phone number.
    plain = _LINK.sub(" 0 ", unicodedata.normalize("NFC", text))
    found = list(_WORD.finditer(plain))
    words = [match.group() for match in found]
    folded = [word.casefold() for word in words]
    german = _looks_german(folded)
    removed = [False] * len(words)
    for index, word in enumerate(words):
        if _DIGIT.search(word):
            removed[index] = True
        elif (
            not german and len(word) > 1 and _cased(word) and word[:1].isupper()
            and not _starts_sentence(plain, found[index].start())
            and not (is_known is not None and is_known(word))
        ):
            removed[index] = True
    for index in range(len(words)):
        for phrase in _NAME_INTRODUCERS:
            if tuple(folded[index : index + len(phrase)]) == phrase:
                start = index + len(phrase)
                for after in range(start, min(len(words), start + _NAME_WORDS)):
                    word = words[after]
                    ends = _starts_sentence(plain, found[after].start()) or (
                        _cased(word) and (len(word) == 1 or word.islower())
                    )
                    if after > start and ends:
                        break  # "my name is Ali, I need": the name ends where capitals do
                    removed[after] = True
    output: list[str] = []
    for word, gone in zip(folded, removed, strict=True):
        if not gone:
            output.append(word)
        elif not output or output[-1] != REMOVED:
            output.append(REMOVED)
    return " ".join(output)[:MAX_LENGTH]


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?؟;:\n"


_GERMAN_HINTS = frozenset(
    "ich du wir sie und der die das ein eine wie wo was wer mein meine nicht ist bin habe für "
    "mit bei zum zur kann können muss brauche".split()
)


def _looks_german(words: Sequence[str]) -> bool:
    return sum(word in _GERMAN_HINTS for word in words) >= 2


def record_unanswered(
    engine: Engine, language: str, text: str, question: str,
    is_known: Callable[[str], bool] | None = None, now: datetime | None = None,
) -> str | None:
    """Stores the redacted question; returns what was stored (None when nothing was left)."""
    redacted = redact(text, is_known)
    if not redacted.replace(REMOVED, "").strip():
        return None
    with session_scope(engine) as session:
        session.add(UnansweredRow(
            asked_at=now or datetime.now(UTC), language=language[:8], question=question[:20],
            text=redacted,
        ))
    return redacted


@dataclass
class LanguageGaps:
    language: str
    total: int = 0
    questions: list[tuple[str, int]] = field(default_factory=list)
    words: list[tuple[str, int]] = field(default_factory=list)


def report(
    engine: Engine, days: int = 30, limit: int = 10,
    question_words: Mapping[str, Iterable[str]] | None = None, now: datetime | None = None,
) -> list[LanguageGaps]:
    """The most frequent unanswered questions and words per language in the last `days`.

    `question_words` per language ("how", "where", ...) are left out of the word counts,
    so the words that remain name the topics the catalogue lacks.
    """
    since = (now or datetime.now(UTC)) - timedelta(days=days)
    with session_scope(engine) as session:
        query = select(UnansweredRow.language, UnansweredRow.text)
        rows = session.execute(query.where(UnansweredRow.asked_at >= since)).all()
    texts: dict[str, Counter[str]] = {}
    words: dict[str, Counter[str]] = {}
    for language, text in rows:
        texts.setdefault(language, Counter())[text] += 1
        ignored = {word.casefold() for word in (question_words or {}).get(language, ())}
        words.setdefault(language, Counter()).update(
            word for word in set(text.split())
            if word != REMOVED and len(word) > 2 and word not in ignored
        )
    return [
        LanguageGaps(
            language,
            sum(texts[language].values()),
            _top(texts[language], limit),
            [item for item in _top(words[language], limit) if item[1] > 1],
        )
        for language in sorted(texts, key=lambda code: (-sum(texts[code].values()), code))
    ]


def _top(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def format_report(gaps: Sequence[LanguageGaps], days: int) -> str:
    if not gaps:
        return f"No unanswered questions in the last {days} days."
    lines = [f"Unanswered questions in the last {days} days, most frequent first"]
    for language in gaps:
        lines.append(f"\n{language.language}: {language.total} question(s)")
        lines.extend(f"  {count:4d}  {text}" for text, count in language.questions)
        if language.words:
            listed = ", ".join(f"{word} ({count})" for word, count in language.words)
            lines.append(f"  frequent words: {listed}")
    return "\n".join(lines)


def report_text(days: int = 30, limit: int = 10, engine: Engine | None = None) -> str:
    """The report for the configured database (DATABASE_URL), question words of each
    language (data/nlu/catalogue) left out of the word counts."""
    from bot.catalogue.search import example_questions, tokens
    from bot.paths import PROJECT_ROOT

    examples = example_questions(PROJECT_ROOT / "data" / "nlu" / "catalogue")
    question_words = {
        language: {word for sentence in sentences for word in sentence.casefold().split()}
        | {word for sentence in sentences for word in tokens(sentence)}
        for language, sentences in examples.items()
    }
    return format_report(report(engine or make_engine(), days, limit, question_words), days)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.catalogue.unanswered",
        description="Report the most frequent questions the catalogue could not answer.",
    )
    parser.add_argument("--days", type=int, default=30,
                        help="look back this many days (default 30)")
    parser.add_argument("--limit", type=int, default=10, help="questions per language (default 10)")
    arguments = parser.parse_args(argv)
    print(report_text(arguments.days, arguments.limit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
