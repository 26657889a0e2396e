"""Issue 13, finding 4 end to end: a lone surrogate in any answer of the report intake, over
the REST channel and through the web relay, never blocks "yes, send it" and never gives 502."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.db import make_engine, session_factory
from bot.reports import Report
from tests.hardening.client import post
from tests.hardening.conftest import Hardened
from tests.hardening.relay import relay_in_front

LONE = "\\ud800"  # written into the JSON as an escape, as a browser or client can send it
STEPS = ["my landlord won't rent to me because I'm Syrian", "/affirm",
         "Lindenallee 12, Westend", "on 3 March", "the landlord", "/skip_question", "/affirm",
         "Amina Said, amina@example.org", "/affirm"]
FREE_TEXT = [0, 2, 3, 4, 7]


def _send(url: str, sender: str, text: str, address: str, lone: bool) -> tuple[int, list]:
    message = json.dumps(text)[:-1] + (LONE if lone else "") + '"'
    raw = f'{{"sender": "{sender}", "message": {message}}}'.encode()
    status, replies = post(f"{url}/webhooks/rest/webhook", None, address, raw=raw)
    return status, replies


def _file_with_a_lone_surrogate_at(url: str, sender: str, step: int, address: str) -> str:
    for index, text in enumerate(STEPS):
        status, replies = _send(url, sender, text, address, lone=index == step)
        assert status == 200, (index, status, replies)
    status, replies = _send(url, sender, "/affirm", address, lone=False)
    assert status == 200
    return next(r["custom"]["reference"] for r in replies if "reference" in r.get("custom", {}))


def _stored(hardened: Hardened, reference: str) -> Report:
    with session_factory(make_engine(f"sqlite:///{hardened.database_path}"))() as session:
        return session.execute(select(Report).where(Report.reference == reference)).scalar_one()


@pytest.mark.e2e
@pytest.mark.parametrize("step", FREE_TEXT)
def test_a_lone_surrogate_at_any_step_over_rest_still_files(hardened: Hardened, address: str,
                                                            step: int) -> None:
    reference = _file_with_a_lone_surrogate_at(hardened.rasa_url, f"lone-rest-{step}", step,
                                               address)
    report = _stored(hardened, reference)
    assert report.description.startswith("my landlord") and report.contact_email


@pytest.mark.e2e
def test_a_lone_surrogate_through_the_relay_gets_no_502(hardened: Hardened, address: str) -> None:
    with relay_in_front(hardened) as web:
        for step in (0, 7):
            reference = _file_with_a_lone_surrogate_at(f"{web}/bot", f"lone-relay-{step}", step,
                                                       address)
            assert _stored(hardened, reference).occurred_where == "Lindenallee 12, Westend"
