"""Issue 13, finding 6: a reference number alone (printed on kiosk slips, seen by staff)
cannot delete a report; the erasure code shown once at filing can, and every attempt is
audited."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.db import session_factory
from bot.reports import Report, erase_report
from bot.reports.chat_texts import ChatContext
from bot.reports.erasure import code_matches, erasure_code
from bot.reports.followup import (
    CODE_TRIES,
    EraseRequest,
    erase_ask,
    erase_next,
    erase_result,
    erase_take,
)
from tests.reports_chat.driver import Chat, responses


def _file(context: ChatContext, filer) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    chat = Chat(context, "en", file=filer)
    chat.first("someone hit me in the tram and called me a foreigner")
    chat.yes()
    for answer in ("tram 4", "yesterday"):
        chat.say(answer)
    chat.skip()
    chat.skip()
    chat.no()
    chat.yes()
    sent = chat.yes()
    assert responses(sent)[:2] == ["utter_report_filed", "utter_report_erasure_code"]
    shown = sent[1].arguments
    assert shown["report_number"] == sent[0].arguments["reference"]
    return shown["report_number"], shown["erasure_code"]


def _erase(engine: Engine):  # type: ignore[no-untyped-def]
    def erase(reference: str) -> bool:
        with session_factory(engine)() as session:
            return erase_report(session, reference)
    return erase


def _count(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return session.execute(select(func.count(Report.id))).scalar_one()


def _attempt(reference: str, codes: list[str], engine: Engine) -> list[str]:
    """Someone asks to delete `reference`, types `codes` in turn, and says yes if asked."""
    request, said = EraseRequest(), []
    request, messages = erase_ask(request, erase_next(request))
    request, messages = erase_take(request, f"delete my report {reference}", None)
    for code in codes:
        question = erase_next(request)
        if question is None:
            break
        request, messages = erase_ask(request, question)
        said += responses(messages)
        if question == "confirm":
            request, messages = erase_take(request, "/affirm", True)
            break
        request, messages = erase_take(request, code, None)
        said += responses(messages)
    if erase_next(request) == "confirm":
        request, messages = erase_ask(request, "confirm")
        request, messages = erase_take(request, "/affirm", True)
    return said + responses(erase_result(request, _erase(engine)))


def test_the_reference_alone_deletes_nothing_and_is_audited(
        context: ChatContext, engine: Engine, filer, caplog: pytest.LogCaptureFixture) -> None:
    reference, _code = _file(context, filer)
    with caplog.at_level(logging.WARNING, logger="bot.reports.audit"):
        said = _attempt(reference, ["yes", "please delete it", "LB-0000"], engine)
    assert said.count("utter_report_erasure_code_wrong") == CODE_TRIES - 1
    assert said[-1] == "utter_report_erase_kept"
    assert _count(engine) == 1
    audit = [r.getMessage() for r in caplog.records if r.name == "bot.reports.audit"]
    assert len(audit) == CODE_TRIES and all(reference in line for line in audit)


def test_the_erasure_code_shown_at_filing_deletes_the_report(
        context: ChatContext, engine: Engine, filer, caplog: pytest.LogCaptureFixture) -> None:
    reference, code = _file(context, filer)
    with caplog.at_level(logging.WARNING, logger="bot.reports.audit"):
        said = _attempt(reference, [code], engine)
    assert said[-1] == "utter_report_erased"
    assert _count(engine) == 0
    assert any("erased at the reporter's request" in r.getMessage() for r in caplog.records)


def test_codes_differ_per_report_and_depend_on_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORT_ERASURE_KEY", "key one")
    first = erasure_code("LB-7K3Q-9XRM")
    assert first != erasure_code("LB-7K3Q-9XRN")
    assert code_matches("LB-7K3Q-9XRM", f"my code is {first.lower()}")
    monkeypatch.setenv("REPORT_ERASURE_KEY", "key two")
    assert not code_matches("LB-7K3Q-9XRM", first)
