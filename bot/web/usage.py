"""Anonymous usage figures: questions per day, language and catalogue category, and
whether the assistant could answer. Counted by the web server's relay from the replies'
contract fields (`language`, `sources`, `answered`: README, "Reply contract"), never from
their wording; no conversation id, no text (unless WEB_KEEP_UNANSWERED_TEXT is on).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.db import session_scope
from bot.responses.message import turn_answered
from bot.web.models import UnansweredTextRow, UsageCountRow

__all__ = [
    "NO_CATEGORY",
    "Figures",
    "figures",
    "figures_csv",
    "record_question",
    "turn_figures",
    "unanswered_by_day",
    "unanswered_texts",
]

#: The category counted when a reply cites no catalogue entry (greetings, fallback...).
NO_CATEGORY = "none"
MAX_KEPT_TEXT = 300


def turn_figures(replies: list[Any]) -> tuple[str | None, str | None, bool]:
    """(language, first cited category, answered) of one turn's reply list."""
    language = category = None
    for message in replies:
        custom = message.get("custom") if isinstance(message, dict) else None
        if isinstance(custom, dict):
            language = language or custom.get("language")
            for source in custom.get("sources") or []:
                if category is None and isinstance(source, dict) and source.get("category"):
                    category = str(source["category"])
    return language, category, turn_answered(replies)


def record_question(engine: Engine, language: str, category: str | None, answered: bool,
                    text: str | None = None, day: date | None = None) -> None:
    """Count one question under the category of the first entry it was answered from;
    keep `text` (an unanswered question) only when the caller passes it."""
    key = {"day": day or date.today(), "language": language[:8],
           "category": (category or NO_CATEGORY)[:60], "answered": answered}
    for _attempt in range(3):
        try:
            with session_scope(engine) as session:
                row = session.get(UsageCountRow, key)
                if row is None:
                    session.add(UsageCountRow(**key, count=1))
                else:
                    row.count += 1
            break
        except IntegrityError:
            continue
    if text and not answered:
        with session_scope(engine) as session:
            session.add(UnansweredTextRow(day=key["day"], language=key["language"],
                                          text=text[:MAX_KEPT_TEXT]))


@dataclass(frozen=True)
class Figures:
    questions: list[tuple[str, str, int]]  # category, language, count
    answered: int
    unanswered: int
    reports: list[tuple[str, str, int]]  # office, type, count

    @property
    def unanswered_rate(self) -> float | None:
        total = self.answered + self.unanswered
        return self.unanswered / total if total else None


def figures(engine: Engine, reports: list[tuple[str, str, int]]) -> Figures:
    with session_scope(engine) as session:
        questions = session.execute(
            select(UsageCountRow.category, UsageCountRow.language, func.sum(UsageCountRow.count))
            .group_by(UsageCountRow.category, UsageCountRow.language)
            .order_by(UsageCountRow.category, UsageCountRow.language)
        ).all()
        by_answer = dict(session.execute(
            select(UsageCountRow.answered, func.sum(UsageCountRow.count))
            .group_by(UsageCountRow.answered)
        ).all())
    return Figures(
        questions=[(str(c), str(lang), int(n)) for c, lang, n in questions],
        answered=int(by_answer.get(True) or 0),
        unanswered=int(by_answer.get(False) or 0),
        reports=sorted(reports),
    )


def unanswered_by_day(engine: Engine) -> list[tuple[date, str, int]]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(UsageCountRow.day, UsageCountRow.language, func.sum(UsageCountRow.count))
            .where(UsageCountRow.answered.is_(False))
            .group_by(UsageCountRow.day, UsageCountRow.language)
            .order_by(UsageCountRow.day.desc(), UsageCountRow.language)
        ).all()
    return [(day, str(language), int(count)) for day, language, count in rows]


def unanswered_texts(engine: Engine, limit: int = 200) -> list[tuple[date, str, str]]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(UnansweredTextRow.day, UnansweredTextRow.language, UnansweredTextRow.text)
            .order_by(UnansweredTextRow.id.desc()).limit(limit)
        ).all()
    return [(day, str(language), str(text)) for day, language, text in rows]


def _safe_cell(value: object) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; quote those."""
    text = str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@"} else text


def figures_csv(data: Figures) -> str:
    """One CSV with a `table` column, so the city can publish a single file."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "category_or_office", "language_or_type", "count"])
    for category, language, count in data.questions:
        writer.writerow(["questions", _safe_cell(category), _safe_cell(language), count])
    writer.writerow(["answers", "answered", "", data.answered])
    writer.writerow(["answers", "unanswered", "", data.unanswered])
    for office, kind, count in data.reports:
        writer.writerow(["reports", _safe_cell(office), _safe_cell(kind), count])
    return out.getvalue()
