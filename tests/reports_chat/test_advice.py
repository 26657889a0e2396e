"""Questions about discrimination and hate crime get the office, why, and the offer to
report it here, in the person's language; danger in the question gets 112 first."""
from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.reports import ActionReportAdvice
from bot.reports.advice import advice_messages, advise
from bot.reports.chat_texts import ChatContext
from bot.reports.safety import danger_signal

CASES = yaml.safe_load((Path(__file__).parent / "advice_cases.yml").read_text(encoding="utf-8"))
EXPECTED_KIND = {
    "general": "anti_discrimination_office",
    "police": "police",
    "counselling": "victim_support",
    "after_attack": "police",
    "landlord": "equality_body",
}


@pytest.mark.parametrize(
    ("language", "case", "question"),
    [(language, case, question) for language, questions in CASES.items()
     for case, question in questions.items()],
)
def test_advice_names_the_office_that_handles_what_the_question_is_about(
    context: ChatContext, language: str, case: str, question: str
) -> None:
    advice = advise(question, language, context.routes, context.lexicons)

    assert advice.decision.office_kind == EXPECTED_KIND[case]


@pytest.mark.parametrize("language", sorted(CASES))
def test_advice_questions_about_past_violence_are_not_taken_for_danger_now(
    context: ChatContext, language: str
) -> None:
    alarmed = [question for question in CASES[language].values()
               if danger_signal(question, language, context.lexicons) is not None]
    assert alarmed == []


def test_advice_covers_all_fourteen_languages() -> None:
    assert set(CASES) == {"en", "de", "ar", "uk", "ru", "tr", "fa", "ps", "so", "ti", "fr",
                          "es", "pl", "ro"}


def test_advice_after_an_attack_names_the_police_and_why_then_counselling_then_the_offer(
    context: ChatContext,
) -> None:
    messages = advice_messages("What can I do after a racist attack?", "en", context)

    assert [m.response for m in messages] == [
        "utter_report_advice", "utter_report_advice_also", "utter_report_advice_offer"]
    police, counselling = messages[0].arguments, messages[1].arguments
    assert police["office"]["kind"] == "police"
    assert police["why"] == context.routes.texts["why_hate_crime_police"]
    assert police["office_contact"]
    assert counselling["office"]["kind"] == "victim_support"


@pytest.mark.parametrize(("language", "question"), [
    ("en", "What should I do about a hate crime?"),
    ("de", "Was mache ich bei Hasskriminalität?"),
    ("es", "¿Qué hago ante un delito de odio?"),
    ("tr", "Nefret suçu gördüm, ne yapmalıyım?"),
    ("ar", "ماذا أفعل بعد جريمة كراهية؟"),
])
def test_a_hate_crime_named_alone_gets_the_police_and_victim_support(
    context: ChatContext, language: str, question: str
) -> None:
    """A hate crime is a crime: the police, with victim support beside it, not the city's
    office for anything unfair."""
    advice = advise(question, language, context.routes, context.lexicons)

    assert advice.decision.office_kind == "police"
    assert advice.also is not None and advice.also.office_kind == "victim_support"


def test_advice_for_a_landlord_refusal_names_the_equality_body_and_the_deadline(
    context: ChatContext,
) -> None:
    question = ("my landlord refuses to rent to me because I am a foreigner, "
                "is that allowed and who helps?")
    messages = advice_messages(question, "en", context)

    assert [m.response for m in messages] == [
        "utter_report_advice", "utter_report_deadline", "utter_report_advice_offer"]
    assert messages[0].arguments["office"]["kind"] == "equality_body"
    assert messages[0].arguments["why"] == context.routes.texts["why_discrimination_private"]


def test_advice_is_given_in_the_person_language(context: ChatContext) -> None:
    [office, offer] = advice_messages("Куди звернутися щодо дискримінації?", "uk", context)

    assert office.arguments["content_language"] == "uk"
    assert office.arguments["content_translation"] == "curated"
    assert office.arguments["office"]["name"] == office.arguments["office_name"]
    assert offer.response == "utter_report_advice_offer"


def test_advice_follows_the_routing_table_not_the_code(context: ChatContext) -> None:
    """A city that sends attacks to another office changes routing.yml, and the answer."""
    routes = context.routes
    moved = tuple(
        dataclasses.replace(route, office_id="city-anti-discrimination-office",
                            office_kind="anti_discrimination_office")
        if route.incident == "physical_attack" else route
        for route in routes.routes
    )
    city = dataclasses.replace(routes, routes=moved)

    advice = advise("What can I do after a racist attack?", "en", city, context.lexicons)

    assert advice.decision.office_id == "city-anti-discrimination-office"


def test_advice_about_the_police_for_discrimination_names_the_discrimination_office(
    context: ChatContext,
) -> None:
    advice = advise("Should I go to the police about discrimination?", "en",
                    context.routes, context.lexicons)

    assert advice.decision.office_kind == "anti_discrimination_office"


def _run_action(text: str, language: str) -> list[dict[str, Any]]:
    message = {"text": text, "intent": {"name": "ask_report_help", "confidence": 0.9},
               "entities": []}
    tracker = Tracker("test", {"language": language}, message, [], False, None, {},
                      "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionReportAdvice().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_action_report_advice_answers_a_question_with_the_office_and_the_offer() -> None:
    messages = _run_action("Soll ich Anzeige bei der Polizei erstatten?", "de")

    assert messages[0]["response"] == "utter_report_advice"
    assert messages[0]["office"]["kind"] == "police"
    assert messages[-1]["response"] == "utter_report_advice_offer"


def test_action_report_advice_gives_112_first_when_the_question_shows_danger_now() -> None:
    messages = _run_action("что мне делать, за мной идёт какой-то мужчина", "ru")

    assert messages[0]["response"] == "utter_report_emergency"
    assert messages[0]["office"]["kind"] == "emergency"
    assert all(m["response"] != "utter_report_advice" for m in messages)
