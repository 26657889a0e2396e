"""Status and erasure by reference number: nothing but the status and the office."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine

from bot.db import session_factory
from bot.reports import Report, erase_report, generate_reference, report_status
from bot.reports.chat_texts import ChatContext
from bot.reports.erasure import erasure_code
from bot.reports.followup import (
    EraseRequest,
    erase_ask,
    erase_next,
    erase_result,
    erase_take,
    find_reference,
    status_messages,
)
from tests.reports_chat.driver import Chat

REFERENCE = generate_reference()


@pytest.mark.parametrize(
    "typed",
    [REFERENCE, REFERENCE.lower(), REFERENCE.replace("-", " "), REFERENCE.replace("-", ""),
     f"status {REFERENCE} please", f"What about my report ({REFERENCE})?"],
)
def test_followup_a_reference_is_found_however_it_is_typed(typed: str) -> None:
    assert find_reference(typed) == REFERENCE


def test_followup_a_mistyped_reference_is_not_taken_for_another() -> None:
    typo = REFERENCE[:-1] + ("A" if REFERENCE[-1] != "A" else "B")

    assert find_reference(typo) is None
    assert find_reference("what is the status of my report?") is None


def _filed(context: ChatContext, filer) -> str:
    chat = Chat(context, "en", file=filer)
    chat.first("someone hit me in the tram and called me a foreigner")
    for step in (chat.yes, lambda: chat.say("tram 4"), lambda: chat.say("Monday"), chat.skip,
                 chat.skip, chat.no, chat.yes):
        step()
    return chat.yes()[0].arguments["reference"]


def _lookup(engine: Engine):
    def lookup(reference: str):
        with session_factory(engine)() as session:
            return report_status(session, reference)

    return lookup


def test_followup_status_tells_only_the_status_and_the_office(
    context: ChatContext, engine: Engine, filer
) -> None:
    reference = _filed(context, filer)

    [message] = status_messages(f"status {reference.lower()}", "de", _lookup(engine), context)

    assert message.response == "utter_report_status_received"
    assert message.arguments["report_number"] == reference
    assert message.arguments["office"]["kind"] == "victim_support"
    assert set(message.arguments) == {"report_number", "office_name", "office",
                                      "content_language", "content_translation"}


def test_followup_status_without_a_number_asks_for_it_and_an_unknown_one_is_said(
    context: ChatContext, engine: Engine
) -> None:
    [ask] = status_messages("status please", "en", _lookup(engine), context)
    [unknown] = status_messages(REFERENCE, "en", _lookup(engine), context)

    assert ask.response == "utter_report_ask_reference"
    assert ask.arguments["example"].startswith("LB-")
    assert unknown.response == "utter_report_unknown_reference"


def test_followup_status_when_the_database_is_down_says_so(context: ChatContext,
                                                          tmp_path: Path) -> None:
    missing = create_engine(f"sqlite:///{tmp_path / 'gone' / 'x.sqlite3'}", future=True)

    [message] = status_messages(REFERENCE, "en", _lookup(missing), context)

    assert message.response == "utter_report_lookup_failed"


def _erase(engine: Engine):
    def erase(reference: str) -> bool:
        with session_factory(engine)() as session:
            return erase_report(session, reference)

    return erase


def test_followup_erasure_asks_for_the_number_the_code_then_confirmation_then_deletes(
    context: ChatContext, engine: Engine, filer
) -> None:
    reference = _filed(context, filer)
    request = EraseRequest()

    request, [ask] = erase_ask(request, erase_next(request))
    request, _ = erase_take(request, f"it is {reference}", None)
    request, [ask_code] = erase_ask(request, erase_next(request))
    request, _ = erase_take(request, erasure_code(reference).lower().replace("-", " "), None)
    request, [confirm] = erase_ask(request, erase_next(request))
    request, _ = erase_take(request, "/affirm", True)
    [done] = erase_result(request, _erase(engine))

    assert (ask.response, ask_code.response, confirm.response, done.response) == (
        "utter_report_ask_reference", "utter_report_ask_erasure_code",
        "utter_report_erase_confirm", "utter_report_erased")
    assert erase_next(request) is None
    with session_factory(engine)() as session:
        assert session.execute(select(func.count(Report.id))).scalar_one() == 0


def test_followup_erasure_declined_keeps_the_report(context: ChatContext, engine: Engine,
                                                    filer) -> None:
    reference = _filed(context, filer)
    request = EraseRequest(reference=reference, code_ok=True)
    request, _ = erase_ask(request, erase_next(request))
    request, _ = erase_take(request, "/deny", False)

    [kept] = erase_result(request, _erase(engine))

    assert kept.response == "utter_report_erase_kept"
    with session_factory(engine)() as session:
        assert session.execute(select(func.count(Report.id))).scalar_one() == 1


def test_followup_erasure_of_an_unknown_number_says_so(engine: Engine) -> None:
    request = EraseRequest(REFERENCE, True, "confirm", code_ok=True)
    [message] = erase_result(request, _erase(engine))

    assert message.response == "utter_report_unknown_reference"


def test_followup_erase_request_survives_the_slot_round_trip() -> None:
    request = EraseRequest(REFERENCE, None, "confirm", True, 1)

    assert EraseRequest.from_slot(request.to_slot()) == request
    assert EraseRequest.from_slot(None) == EraseRequest()
