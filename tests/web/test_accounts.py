"""Staff accounts, sessions and usage figures on SQLite and PostgreSQL (no browser)."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from bot.catalogue.migrate import upgrade
from bot.db import make_engine, session_scope
from bot.paths import PROJECT_ROOT
from bot.web.accounts import AccountError, SignIn, authenticate, create_user
from bot.web.models import MissingTables, StaffUserRow, require_web_tables, utcnow
from bot.web.sessions import LoginCsrf, end_session, load_session, start_session
from bot.web.usage import figures, figures_csv, record_question
from tests.support.postgres import BACKENDS, throwaway_database

PASSWORD = "a long test password 1"


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with throwaway_database("test_web") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = (f"sqlite:///{tmp_path / 'web.sqlite3'}" if request.param == "sqlite"
           else request.getfixturevalue("postgres_url"))
    made = make_engine(url)
    if made.dialect.name == "postgresql":
        with made.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    upgrade(made)  # the tables as a city gets them: through the Alembic history
    yield made
    made.dispose()


def test_accounts_store_an_argon2_hash_never_the_password(engine: Engine) -> None:
    create_user(engine, "anna", "office", PASSWORD, "city-anti-discrimination-office")
    with session_scope(engine) as session:
        stored = session.execute(select(StaffUserRow.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(engine, "anna", PASSWORD).outcome is SignIn.OK


@pytest.mark.parametrize(("name", "role", "office", "password"), [
    ("anna", "office", None, PASSWORD),
    ("anna", "frontline", "housing-office", PASSWORD),
    ("anna", "mayor", None, PASSWORD),
    ("anna", "admin", None, "short"),
    ("an na", "admin", None, PASSWORD),
])
def test_accounts_refuse_incomplete_users(engine: Engine, name: str, role: str,
                                          office: str | None, password: str) -> None:
    with pytest.raises(AccountError):
        create_user(engine, name, role, password, office)


def test_lockout_lasts_fifteen_minutes_then_the_right_password_works_again(engine: Engine) -> None:
    create_user(engine, "lena", "admin", PASSWORD)
    start = utcnow()
    outcomes = [authenticate(engine, "lena", "wrong", now=start).outcome for _ in range(5)]
    assert outcomes == [SignIn.WRONG] * 4 + [SignIn.LOCKED]
    assert (
        authenticate(engine, "lena", PASSWORD, now=start + timedelta(minutes=14)).outcome
        is SignIn.LOCKED
    )
    assert (
        authenticate(engine, "lena", PASSWORD, now=start + timedelta(minutes=15, seconds=1)).outcome
        is SignIn.OK
    )
    assert authenticate(engine, "lena", "wrong").outcome is SignIn.WRONG, "the count starts again"


def test_lockout_looks_the_same_for_unknown_names(engine: Engine) -> None:
    outcomes = [authenticate(engine, "nobody", "wrong").outcome for _ in range(5)]
    assert outcomes == [SignIn.WRONG] * 4 + [SignIn.LOCKED]


def test_sessions_expire_and_end(engine: Engine) -> None:
    staff = create_user(engine, "fiona", "frontline", PASSWORD)
    token, session = start_session(engine, staff, timedelta(minutes=5))
    assert load_session(engine, token) == session
    assert load_session(engine, token + "x") is None
    end_session(engine, token)
    assert load_session(engine, token) is None
    expired, _ = start_session(engine, staff, timedelta(seconds=-1))
    assert load_session(engine, expired) is None


def test_login_csrf_token_is_bound_to_its_cookie() -> None:
    csrf = LoginCsrf("secret")
    cookie, token = csrf.issue(None)
    assert csrf.valid(cookie, token)
    other_cookie, _ = csrf.issue(None)
    assert not csrf.valid(other_cookie, token)
    assert not LoginCsrf("another secret").valid(cookie, token)


def test_usage_figures_are_counts_only_and_safe_in_a_spreadsheet(engine: Engine) -> None:
    day = date(2026, 11, 2)
    record_question(engine, "ar", "housing", True, day=day)
    record_question(engine, "ar", "housing", True, day=day)
    record_question(engine, "en", None, False, text="what about the moon?", day=day)
    data = figures(engine, [("=cmd()", "discrimination", 2)])
    assert data.questions == [("housing", "ar", 2), ("none", "en", 1)]
    assert (data.answered, data.unanswered) == (2, 1)
    exported = figures_csv(data)
    assert "'=cmd()" in exported and "moon" not in exported


def test_create_user_command_reads_the_password_from_stdin_not_argv(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    command = [sys.executable, "-m", "bot.web", "create-user", "omar", "--role", "office",
               "--office", "city-anti-discrimination-office"]
    unmigrated = subprocess.run(command, input=PASSWORD + "\n", capture_output=True, text=True,
                                cwd=PROJECT_ROOT, env={**os.environ, "DATABASE_URL": url})
    assert unmigrated.returncode == 2 and "bot.catalogue migrate" in unmigrated.stderr
    upgrade(make_engine(url))
    done = subprocess.run(command, input=PASSWORD + "\n", capture_output=True, text=True,
                          cwd=PROJECT_ROOT, env={**os.environ, "DATABASE_URL": url})
    assert done.returncode == 0, done.stderr
    assert "created office user omar" in done.stdout
    assert authenticate(make_engine(url), "omar", PASSWORD).outcome is SignIn.OK

    unknown = subprocess.run([*command[:4], "zoe", "--role", "office", "--office",
                              "no-such-office"],
                             input=PASSWORD + "\n", capture_output=True, text=True,
                             cwd=PROJECT_ROOT, env={**os.environ, "DATABASE_URL": url})
    assert unknown.returncode == 2 and "no office" in unknown.stderr


def test_web_server_refuses_to_start_on_a_database_that_was_not_migrated(tmp_path: Path) -> None:
    with pytest.raises(MissingTables, match="python -m bot.catalogue migrate"):
        require_web_tables(make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}"))
