"""Issue 13, findings 4 and 9 in the report chat's logic: a lone surrogate in any answer
never blocks filing, and a report keeps the language it was begun in."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.db import session_factory
from bot.reports import Report
from bot.reports.chat_texts import ChatContext
from tests.reports_chat.driver import Chat, responses

LONE = "\ud800"
ANSWERS = ["Lindenallee 3, Westend", "12 March", "the landlord, Mr. K.", None, "/affirm",
           "Amina Said, +49 151 23456789"]


def _stored(engine: Engine, reference: str) -> Report:
    with session_factory(engine)() as session:
        return session.execute(select(Report).where(Report.reference == reference)).scalar_one()


@pytest.mark.parametrize("step", range(-1, len(ANSWERS)))
def test_a_lone_surrogate_at_any_intake_step_still_files_the_report(
        context: ChatContext, engine: Engine, filer, step: int) -> None:
    chat = Chat(context, "en", file=filer)
    first = "the landlord refused to rent the flat to us because we are Black"
    chat.first(first + (LONE if step == -1 else ""))
    chat.yes()
    for index, text in enumerate(ANSWERS):
        if text is None:
            chat.skip()
        elif text == "/affirm":
            chat.yes()
        else:
            chat.say(text + (LONE if index == step else ""))
    chat.no()

    sent = chat.yes()

    assert responses(sent)[0] == "utter_report_filed"
    report = _stored(engine, sent[0].arguments["reference"])
    for value in (report.description, report.occurred_where, report.occurred_when,
                  report.people_involved, report.contact_name):
        assert LONE not in value
        value.encode("utf-8")


def test_a_report_keeps_the_language_it_was_begun_in(context: ChatContext, engine: Engine,
                                                     filer) -> None:
    chat = Chat(context, "en", file=filer)
    chat.first("the landlord refused to rent the flat to us because we are Black")
    chat.yes()
    chat.say("Lindenallee 3, Westend")
    chat.language = "ro"  # the person switched to Romanian half way
    for text in ("12 martie", "proprietarul"):
        chat.say(text)
    chat.skip()
    chat.no()
    chat.yes()

    sent = chat.yes()

    assert _stored(engine, sent[0].arguments["reference"]).language == "en"
