"""Issue 13, finding 10: `python -m bot.web users` lists, disables, enables and resets staff
accounts; disabling and a new password end the sessions that were open."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from bot.catalogue.migrate import upgrade
from bot.db import make_engine
from bot.paths import PROJECT_ROOT
from bot.web.accounts import SignIn, authenticate, create_user
from bot.web.sessions import load_session, start_session

PASSWORD = "a long test password 1"
NEW_PASSWORD = "another long password 2"


def test_users_command_disables_enables_and_resets_ending_sessions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'users.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    staff = create_user(engine, "jonas", "office", PASSWORD, "city-anti-discrimination-office")
    create_user(engine, "lea", "admin", PASSWORD)

    def users(*args: str, password: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.web", "users", *args],
                              input=password + "\n", capture_output=True, text=True,
                              cwd=PROJECT_ROOT, timeout=120,
                              env={**os.environ, "DATABASE_URL": url,
                                   "WEB_NEW_USER_PASSWORD": ""})

    token, _ = start_session(engine, staff, timedelta(minutes=30))
    listed = users("list")
    assert listed.returncode == 0
    jonas = "jonas\toffice office=city-anti-discrimination-office\tactive\t1 session(s)"
    assert jonas in listed.stdout
    assert "lea\tadmin\tactive\t0 session(s)" in listed.stdout

    disabled = users("disable", "jonas")
    assert disabled.returncode == 0 and "1 session(s) ended" in disabled.stdout
    assert load_session(engine, token) is None
    assert authenticate(engine, "jonas", PASSWORD).outcome is SignIn.WRONG
    assert "disabled" in users("list").stdout

    assert users("enable", "jonas").returncode == 0
    assert authenticate(engine, "jonas", PASSWORD).outcome is SignIn.OK

    token, _ = start_session(engine, staff, timedelta(minutes=30))
    reset = users("reset-password", "jonas", password=NEW_PASSWORD)
    assert reset.returncode == 0 and "1 session(s) ended" in reset.stdout
    assert load_session(engine, token) is None
    assert authenticate(engine, "jonas", NEW_PASSWORD).outcome is SignIn.OK

    unknown = users("disable", "nobody")
    assert unknown.returncode == 2 and "no user named" in unknown.stderr
