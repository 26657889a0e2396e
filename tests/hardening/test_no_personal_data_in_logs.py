"""Issue 13, finding 3: when a custom action fails, neither the error body (which Rasa logs)
nor any log file holds what the person typed: names, e-mail addresses, phone numbers."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from bot.runtime.wait_ready import wait_ready
from tests.hardening.client import say
from tests.hardening.conftest import Hardened
from tests.support.servers import VENV_BIN, free_port, start

NAME, EMAIL, PHONE = "Zofia Qwerty-Distinctive", "zofia.distinctive@example.org", "+49 151 99887766"
DETAILS = ("Qwerty-Distinctive", "zofia.distinctive", "99887766", "9988 7766")


def _tracker_with_contact_details() -> dict:
    typed = f"{NAME}, {EMAIL}, {PHONE}"
    return {
        "sender_id": "logs-test",
        "slots": {"language": "en", "report_intake": {"answers": {"contact": {
            "name": NAME, "email": EMAIL, "phone": PHONE}}}},
        "latest_message": {"text": typed, "intent": {"name": "inform", "confidence": 1.0}},
        "events": [{"event": "user", "text": typed, "parse_data": {"text": typed}}],
        "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen",
    }


@pytest.fixture
def action_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1",
           # A database that cannot be opened: every action that reads it fails.
           "DATABASE_URL": f"sqlite:///{tmp_path / 'missing-dir' / 'sub' / 'x.sqlite3'}"}
    process = start("actions", [str(VENV_BIN / "python"), "-m", "rasa_addons.action_server",
                                "--port", str(port)], env, tmp_path)
    url = f"http://127.0.0.1:{port}"
    try:
        assert not wait_ready([f"{url}/health"], 120), process.log_tail()
        yield url, process.log
    finally:
        process.stop()


def test_a_failing_action_returns_and_logs_no_tracker(action_server: tuple[str, Path],
                                                      tmp_path: Path) -> None:
    url, log = action_server
    shutil.rmtree(tmp_path / "missing-dir", ignore_errors=True)
    (tmp_path / "missing-dir").write_text("a file where a folder should be")
    answer = httpx2.post(f"{url}/webhook", timeout=60, json={
        "next_action": "action_answer_service", "version": "3.6.2",
        "tracker": _tracker_with_contact_details(), "domain": {}})

    assert answer.status_code == 500
    body = answer.text
    assert "action_answer_service" in body
    logged = log.read_text(errors="replace")
    assert "action action_answer_service failed" in logged, "the failure itself is logged"
    for detail in DETAILS:
        assert detail not in body, f"{detail!r} in the error body"
        assert detail not in logged, f"{detail!r} in the action server's log"


@pytest.mark.e2e
def test_a_filed_report_and_a_failing_action_leave_no_contact_details_in_any_log(
        hardened: Hardened, address: str) -> None:
    sender = "logs-e2e"
    answers = ["my landlord won't rent to me because I'm Syrian", "/affirm",
               "Lindenallee 12, Westend", "on 3 March", "the landlord", "/skip_question",
               "/affirm", f"{NAME}, {EMAIL}, {PHONE}", "/affirm", "/affirm"]
    replies: list = []
    for text in answers:
        status, replies = say(hardened.rasa_url, sender, text, address)
        assert status == 200
    reference = next(r["custom"]["reference"] for r in replies
                     if "reference" in r.get("custom", {}))

    # The database goes away: the status question's action fails on the action server.
    moved = hardened.database_path.with_suffix(".away")
    hardened.database_path.rename(moved)
    hardened.database_path.mkdir()  # a folder where the file was: SQLite cannot open it
    try:
        status, replies = say(hardened.rasa_url, sender,
                              f"what is the status of my report {reference}?", address)
    finally:
        hardened.database_path.rmdir()
        moved.rename(hardened.database_path)
    assert status == 200 and replies, "the person still gets an answer"

    logs = {path.name: path.read_text(errors="replace")
            for path in hardened.log_dir.glob("*.log")}
    assert "failed" in logs["actions.log"], "an action really failed"
    for name, text in logs.items():
        for detail in DETAILS:
            assert detail not in text, f"{detail!r} in {name}"
