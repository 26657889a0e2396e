"""Unanswered questions are kept without personal data and reported per language."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine

from bot.catalogue.models import UnansweredRow
from bot.catalogue.search import SearchIndex
from bot.catalogue.unanswered import format_report, record_unanswered, redact, report
from bot.db import make_engine, session_scope
from bot.paths import PROJECT_ROOT

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("asked", "stored"),
    [
        ("call me on +49 170 1234567 about the fishing licence",
         "call me on … about the fishing licence"),
        ("my email is jana.k@example.org, where do I get a fishing licence",
         "my email is … where do i get a fishing licence"),
        ("My name is Ahmad Karimi and I need a fishing licence",
         "my name is … and i need a fishing licence"),
        ("where did Olena Petrenko get her boat licence?", "where did … get her boat licence"),
        ("see https://example.org/x?id=77 fishing licence", "see … fishing licence"),
        ("my case number is AZ-2291/77, where is the fishing office",
         "my case number is … where is the fishing office"),
        ("Ich heiße Anna Schmidt, wo bekomme ich einen Angelschein?",
         "ich heisse … wo bekomme ich einen angelschein"),
        ("Frau Müller sagt, ich brauche einen Angelschein",
         "frau … sagt ich brauche einen angelschein"),
        ("اسمي أحمد كريمي وأحتاج رخصة صيد", "اسمي … وأحتاج رخصة صيد"),
        ("меня зовут Олег, я родился 12.03.1990, где взять лицензию на рыбалку",
         "меня зовут … я родился … где взять лицензию на рыбалку"),
        ("نام من سارا است، مجوز ماهیگیری از کجا بگیرم", "نام من … مجوز ماهیگیری از کجا بگیرم"),
    ],
)
def test_nothing_personal_is_kept_of_an_unanswered_question(asked: str, stored: str) -> None:
    assert redact(asked) == stored


def test_capitalised_words_of_the_catalogue_are_not_taken_for_names(index: SearchIndex) -> None:
    stored = redact("what is the Anmeldung for a Garage", index.knows)
    assert stored == "what is the anmeldung for a …"


def test_an_unanswered_question_is_stored_with_language_kind_and_time_only(
    sqlite_engine: Engine,
) -> None:
    asked = "My name is Ali, I need a fishing licence"
    stored = record_unanswered(sqlite_engine, "en", asked, "how", now=NOW)
    assert stored == "my name is … i need a fishing licence"
    columns = {
        column["name"] for column in inspect(sqlite_engine).get_columns("catalogue_unanswered")
    }
    assert columns == {"id", "asked_at", "language", "question", "text"}
    with session_scope(sqlite_engine) as session:
        [row] = session.execute(select(UnansweredRow)).scalars().all()
        assert (row.language, row.question, row.text) == ("en", "how", stored)


def test_a_question_with_nothing_left_after_redaction_is_not_stored(sqlite_engine: Engine) -> None:
    assert record_unanswered(sqlite_engine, "en", "+49 170 1234567", "service", now=NOW) is None
    with session_scope(sqlite_engine) as session:
        assert session.execute(select(UnansweredRow)).scalars().all() == []


def _ask(engine: Engine) -> None:
    def ago(days: int) -> datetime:
        return NOW - timedelta(days=days)

    for days in (1, 2, 3):
        record_unanswered(engine, "ar", "أين أحصل على رخصة صيد", "where", now=ago(days))
    record_unanswered(engine, "ar", "كيف أحصل على رخصة قيادة", "how", now=ago(2))
    record_unanswered(engine, "de", "Wo bekomme ich einen Angelschein?", "where", now=ago(1))
    record_unanswered(engine, "de", "Wo ist das Fundbüro?", "where", now=ago(90))


def _check_report(engine: Engine) -> None:
    _ask(engine)
    gaps = report(engine, days=30, question_words={"ar": {"أين", "كيف", "أحصل", "على"}}, now=NOW)
    assert [language.language for language in gaps] == ["ar", "de"]
    arabic, german = gaps
    assert arabic.total == 4
    assert arabic.questions[0] == ("أين أحصل على رخصة صيد", 3)
    assert arabic.words[0] == ("رخصة", 4)
    assert german.questions == [("wo bekomme ich einen angelschein", 1)]
    text = format_report(gaps, 30)
    assert "ar: 4 question(s)" in text and "3  أين أحصل على رخصة صيد" in text
    assert "fundbüro" not in text


def test_the_report_lists_the_most_frequent_gaps_per_language(sqlite_engine: Engine) -> None:
    _check_report(sqlite_engine)


@pytest.mark.postgres
def test_the_report_works_on_postgresql(postgres_engine: Engine) -> None:
    _check_report(postgres_engine)


def test_the_report_command_prints_the_gaps_of_the_last_days(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'assistant.sqlite3'}"
    engine = make_engine(url)
    from bot.catalogue.migrate import upgrade

    upgrade(engine)
    record_unanswered(engine, "uk", "де отримати ліцензію на риболовлю", "where")
    record_unanswered(engine, "uk", "де отримати ліцензію на риболовлю", "where")
    record_unanswered(engine, "uk", "старе питання про паркування", "where",
                      now=datetime.now(UTC) - timedelta(days=20))
    engine.dispose()
    result = subprocess.run(
        [sys.executable, "-m", "bot.catalogue.unanswered", "--days", "7"],
        cwd=PROJECT_ROOT, env={**os.environ, "DATABASE_URL": url},
        capture_output=True, text=True, check=True,
    )
    assert "last 7 days" in result.stdout
    assert "uk: 2 question(s)" in result.stdout
    assert "2  де отримати ліцензію на риболовлю" in result.stdout
    assert "паркування" not in result.stdout
    assert "ліцензію (2)" in result.stdout


def test_a_name_ends_where_the_next_sentence_begins() -> None:
    assert redact("My name is Jonas. How do I get a fishing licence?") == (
        "my name is … how do i get a fishing licence")


def test_the_unanswered_command_reports_gaps_per_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    from bot.catalogue.unanswered import record_unanswered
    from bot.db import make_engine

    url = f"sqlite:///{tmp_path / 'gaps.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "-m", "bot.catalogue", "migrate"], check=True, env=env, capture_output=True
    )
    record_unanswered(make_engine(url), "en", "where can I park my car", "ask_where")
    shown = subprocess.run(
        [sys.executable, "-m", "bot.catalogue", "unanswered", "--days", "7"],
        check=True, env=env, capture_output=True, text=True,
    ).stdout
    assert "en" in shown and "park" in shown
