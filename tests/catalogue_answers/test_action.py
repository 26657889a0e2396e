"""action_answer_service: what it utters and remembers for a message, with the sample
catalogue loaded into a real SQLite database."""
from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.catalogue import (
    ActionAnswerService,
    ActionCapabilities,
    ActionDefaultFallback,
    ActionGoodbye,
    ActionThank,
    answer_if_clear,
)
from bot.catalogue.models import UnansweredRow
from bot.db import make_engine, session_scope

SCHOOL = "school-registration-new-arrivals"


def tracker_for(text: str, intent: str, confidence: float = 0.97, language: str = "en",
                entities: list[dict[str, Any]] | None = None,
                slots: dict[str, Any] | None = None, form: str | None = None) -> Tracker:
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}],
        "entities": entities or [],
    }
    return Tracker("test", {"language": language, **(slots or {})}, message, [], False,
                   None, {"name": form} if form else {}, "action_listen")


def run(text: str, intent: str, confidence: float = 0.97, language: str = "en",
        entities: list[dict[str, Any]] | None = None, slots: dict[str, Any] | None = None,
        action: Action | None = None, form: str | None = None
        ) -> tuple[list[dict[str, Any]], list[Any]]:
    tracker = tracker_for(text, intent, confidence, language, entities, slots, form)
    dispatcher = CollectingDispatcher()
    events = asyncio.run((action or ActionAnswerService()).run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def logged_gaps(database: str) -> list[tuple[str, str, str]]:
    """(language, question kind, text) of every question logged for the catalogue editors."""
    engine = make_engine(database)
    with session_scope(engine) as session:
        rows = session.execute(select(UnansweredRow)).scalars().all()
        gaps = [(row.language, row.question, row.text) for row in rows]
    engine.dispose()
    return gaps


def test_a_clear_question_is_answered_and_its_service_remembered(database: str) -> None:
    messages, events = run("how do I register my child for school", "ask_how")
    assert [message["response"] for message in messages] == [
        "utter_service_how", "utter_service_last_reviewed"]
    assert messages[0]["sources"][0]["id"] == SCHOOL
    assert messages[0]["content_language"] == "en"
    assert events == [SlotSet("service", SCHOOL)]


def test_an_uncertain_intent_is_still_answered_when_one_service_clearly_fits(
    database: str,
) -> None:
    messages, events = run("how do I register my child for school", "ask_how", confidence=0.5)
    assert messages[0]["response"] == "utter_service_how"
    assert messages[0]["sources"][0]["id"] == SCHOOL
    assert events == [SlotSet("service", SCHOOL)]


def test_a_button_payload_answers_the_service_it_names(database: str) -> None:
    messages, _ = run('/ask_where{"service":"vaccinations"}', "ask_where", 1.0,
                      entities=[{"entity": "service", "value": "vaccinations"}])
    assert messages[0]["response"] == "utter_service_where"
    assert messages[0]["office"]["id"] == "health-office"


GERMAN_COURSES = {"integration-course", "integration-course-admission", "job-related-german",
                  "free-german-practice", "youth-integration-course", "online-german-learning",
                  "parents-and-women-integration-course", "german-placement-test"}


def test_a_message_not_understood_is_searched_and_otherwise_asked_again(database: str) -> None:
    found, _ = run("kurs almani", "nlu_fallback", 0.3)
    offered = {item["id"] for key in ("sources", "candidates") for item in found[0].get(key) or []}
    assert offered & GERMAN_COURSES, found[0]
    if found[0]["response"] == "utter_service_choose":
        assert 2 <= len(found[0]["buttons"]) <= 3
    nothing, _ = run("qwzx vbnm plk", "nlu_fallback", 0.3)
    assert [message["response"] for message in nothing] == ["utter_default"]
    assert logged_gaps(database) == []


def test_a_clear_question_nlu_was_unsure_about_is_answered(database: str) -> None:
    messages, events = run("how do I register my child for school", "nlu_fallback", 0.45)
    assert messages[0]["sources"][0]["id"] == SCHOOL
    assert events == [SlotSet("service", SCHOOL)]


def test_out_of_scope_is_said_so_unless_the_catalogue_is_sure(database: str) -> None:
    declined, events = run("order me a pizza with extra cheese", "out_of_scope", 0.9)
    assert [message["response"] for message in declined] == ["utter_out_of_scope"]
    assert events == [] and logged_gaps(database) == []
    mistaken, _ = run("how do I register my child for school", "out_of_scope", 0.6)
    assert mistaken[0]["sources"][0]["id"] == SCHOOL


def test_a_message_not_understood_that_the_catalogue_lacks_gets_the_advice_office(
    database: str,
) -> None:
    messages, events = run("where can I get a fishing licence", "nlu_fallback", 0.45)
    [message] = messages
    assert message["response"] == "utter_service_not_found"
    assert message["office"]["id"] == "welcome-centre"
    assert events == []
    # Logged as a where-question: its question word says so (bot/catalogue/question_kind.py).
    assert logged_gaps(database) == [("en", "where", "where can i get a fishing licence")]


def test_an_unanswerable_question_gives_the_advice_office_and_is_logged(database: str) -> None:
    messages, events = run("My name is Jonas, how do I get a fishing licence?", "ask_how")
    [message] = messages
    assert message["response"] == "utter_service_not_found"
    assert message["office"]["id"] == "welcome-centre"
    assert events == []
    assert logged_gaps(database) == [("en", "how", "my name is … how do i get a fishing licence")]


def test_asking_what_the_assistant_can_do_gets_what_it_can_do(database: str) -> None:
    for text, language in (("what can you do?", "en"), ("Was können Sie für mich tun?", "de"),
                           ("ماذا يمكنك أن تفعل؟", "ar")):
        messages, events = run(text, "ask_capabilities", language=language,
                               action=ActionCapabilities())
        assert [message["response"] for message in messages] == ["utter_capabilities"], text
        assert events == []


@pytest.mark.parametrize(("text", "language", "service"), [
    ("what exactly is a Kita", "en", "kita-place-and-voucher"),
    ("wie finde ich hier eine Mietwohnung", "de", "renting-a-flat-advice"),
    ("Kita nedir, çocuğum için nasıl yer bulurum", "tr", "kita-place-and-voucher"),
])
def test_a_service_question_taken_for_what_can_you_do_gets_the_service(
    database: str, text: str, language: str, service: str
) -> None:
    messages, events = run(text, "ask_capabilities", language=language,
                           action=ActionCapabilities())
    assert "utter_capabilities" not in [message["response"] for message in messages]
    assert messages[0]["sources"][0]["id"] == service
    assert events == [SlotSet("service", service)]


def test_a_caller_that_owns_nothing_of_the_message_may_pass_on_a_choice(database: str) -> None:
    """The report advice hands a message with nothing of a report in it to the catalogue:
    close services offered as buttons beat advice about discrimination."""
    text = "Betreuung für mein Kind"
    plain, choice = CollectingDispatcher(), CollectingDispatcher()
    clear = answer_if_clear(plain, tracker_for(text, "ask_report_help", language="de"))
    offered = answer_if_clear(choice, tracker_for(text, "ask_report_help", language="de"),
                              or_choice=True)
    if clear is not None:
        pytest.skip("the catalogue answers this one service clearly; no choice to pass on")
    assert plain.messages == []
    assert offered is not None
    assert choice.messages[0]["response"] == "utter_service_choose"
    assert len(choice.messages[0]["buttons"]) >= 2


def test_a_question_read_as_a_stray_no_gets_the_service_it_names(database: str) -> None:
    messages, events = run("Co to jest Kita i jak dostać miejsce?", "deny", language="pl",
                           action=ActionDefaultFallback())
    assert messages[0]["sources"][0]["id"] == "kita-place-and-voucher"
    # Taken back, so that the policies listen instead of predicting the fallback again.
    assert events == [UserUtteranceReverted(), SlotSet("service", "kita-place-and-voucher")]


def test_a_follow_up_read_as_a_stray_no_stays_on_the_service(database: str) -> None:
    messages, events = run("Wie mache ich das?", "deny", language="de",
                           action=ActionDefaultFallback(),
                           slots={"service": "address-registration"})
    assert messages[0]["sources"][0]["id"] == "address-registration"
    assert messages[0]["response"] == "utter_service_how"
    assert events[0] == UserUtteranceReverted()


def test_a_follow_up_taken_for_out_of_scope_stays_on_the_service(database: str) -> None:
    messages, _ = run("Und wo muss ich hin?", "out_of_scope", language="de",
                      slots={"service": "address-registration"})
    assert messages[0]["sources"][0]["id"] == "address-registration"
    help_alone, _ = run("help", "ask_capabilities", action=ActionCapabilities(),
                        slots={"service": "address-registration"})
    assert [message["response"] for message in help_alone] == ["utter_capabilities"]


def test_a_stray_no_is_asked_again_and_taken_back(database: str) -> None:
    for text, language in (("no", "en"), ("nein danke", "de"), ("لا", "ar")):
        messages, events = run(text, "deny", language=language, action=ActionDefaultFallback())
        assert [message["response"] for message in messages] == ["utter_default"], text
        assert events == [UserUtteranceReverted()]


def test_inside_a_form_the_fallback_leaves_the_turn_to_the_form(database: str) -> None:
    messages, events = run("what exactly is a Kita", "deny", action=ActionDefaultFallback(),
                           form="report_form")
    assert [message["response"] for message in messages] == ["utter_default"]
    assert events == [UserUtteranceReverted()]


def test_small_talk_naming_several_services_gets_them_to_choose_from(database: str) -> None:
    messages, _ = run("what is the kurs almani", "ask_capabilities", action=ActionCapabilities())
    assert messages[0]["response"] == "utter_service_choose"
    assert len(messages[0]["buttons"]) >= 2


def test_small_talk_naming_one_service_in_passing_gets_what_the_assistant_can_do(
    database: str,
) -> None:
    messages, _ = run("bu sohbet ne için", "ask_capabilities", language="tr",
                      action=ActionCapabilities())
    assert [message["response"] for message in messages] == ["utter_capabilities"]


def test_a_service_question_taken_for_a_report_status_question_gets_the_service(
    database: str,
) -> None:
    from actions.reports import ActionReportStatus

    messages, events = run("how do I register my child for school", "report_status",
                           action=ActionReportStatus())
    assert messages[0]["sources"][0]["id"] == SCHOOL
    asked, _ = run("what is the status of my report?", "report_status",
                   action=ActionReportStatus())
    assert "sources" not in asked[0]
    assert asked[0]["response"].startswith("utter_report")


def test_a_bare_report_number_taken_for_a_question_gets_the_status_path(database: str) -> None:
    messages, _ = run("lb 7k3q 9xrm", "nlu_fallback", confidence=0.3)
    assert "sources" not in messages[0]
    assert messages[0]["response"].startswith("utter_report")
    fallback, events = run("LB-7K3Q-9XRM", "deny", action=ActionDefaultFallback())
    assert fallback[0]["response"].startswith("utter_report")
    assert UserUtteranceReverted() not in events


@pytest.mark.parametrize(("action", "response", "text", "language"), [
    (ActionThank(), "utter_you_are_welcome", "thank you so much for the help with the Kita", "en"),
    (ActionGoodbye(), "utter_goodbye", "good night", "en"),
    (ActionGoodbye(), "utter_goodbye", "شب بخیر", "fa"),
])
def test_thanks_and_goodbyes_are_answered_in_kind(
    database: str, action: Action, response: str, text: str, language: str,
) -> None:
    """"Good night" names no night shelter, "thanks for the Kita help" asks nothing."""
    messages, events = run(text, "goodbye", language=language, action=action)
    assert [message["response"] for message in messages] == [response]
    assert events == []


@pytest.mark.parametrize(("action", "text", "language"), [
    (ActionThank(), "¿Qué es la Anmeldung y por qué es importante?", "es"),
    (ActionGoodbye(), "where do I register my child for school?", "en"),
    (ActionThank(), "Danke! Und wie melde ich mein Kind in der Schule an?", "de"),
])
def test_a_question_taken_for_small_talk_gets_the_answer(
    database: str, action: Action, text: str, language: str,
) -> None:
    messages, _ = run(text, "thank", language=language, action=action)
    assert messages[0]["response"] not in ("utter_greet", "utter_you_are_welcome", "utter_goodbye")
    assert messages[0].get("sources"), messages


@pytest.mark.parametrize(("text", "language"), [
    ("شب جایی برای خواب ندارم", "fa"),
    ("wir haben heute nacht keinen platz zum schlafen", "de"),
])
def test_a_need_told_without_thanks_taken_for_a_goodbye_gets_the_service(
    database: str, text: str, language: str,
) -> None:
    """No question word, no word of thanks or goodbye: a need, not a farewell."""
    messages, _ = run(text, "goodbye", language=language, action=ActionGoodbye())
    assert messages[0]["response"] != "utter_goodbye"
    assert messages[0]["sources"][0]["id"] == "emergency-accommodation"


def test_a_statement_about_rent_arrears_taken_for_a_report_gets_the_service(
    database: str,
) -> None:
    """Rent debts and notice from the landlord: a landlord, but no incident, motive or
    office of a report."""
    from actions.reports import ActionReportStart

    messages, _ = run("mam długi czynszowe i wypowiedzenie od właściciela", "report_incident",
                      language="pl", action=ActionReportStart())
    assert not any(message["response"].startswith("utter_report") for message in messages)
    assert messages[0]["sources"][0]["id"] == "help-keeping-your-flat"


@pytest.mark.parametrize(("text", "language", "service"), [
    ("dónde está el albergue de emergencia", "es", "emergency-accommodation"),
    ("where is the emergency shelter", "en", "emergency-accommodation"),
])
def test_danger_heard_only_by_nlu_in_a_question_about_a_service_gets_112_then_the_service(
    database: str, text: str, language: str, service: str,
) -> None:
    """NLU said danger now, no danger phrase is in the message: the "if you are in danger
    call 112" line first, then what was asked."""
    from actions.reports import ActionReportEmergency

    messages, _ = run(text, "danger_now", language=language, action=ActionReportEmergency())
    assert messages[0]["response"] == "utter_report_emergency_check"
    assert messages[0]["office"]["kind"] == "emergency"
    assert messages[1]["sources"][0]["id"] == service


def test_danger_in_the_words_still_gets_the_emergency_and_no_service(database: str) -> None:
    from actions.reports import ActionReportEmergency

    messages, _ = run("a man with a knife is following me to the emergency shelter",
                      "danger_now", action=ActionReportEmergency())
    assert messages[0]["response"] == "utter_report_emergency"
    assert not any(message.get("sources") for message in messages)


def test_a_question_about_discrimination_gets_the_advice_not_a_sharpened_service(
    database: str,
) -> None:
    """The ranker's sharp classifier picks mental-health support for "where do I go if I
    faced discrimination?"; the office that handles discrimination is the better answer."""
    messages, _ = run("куди йти, якщо я зіткнувся з дискримінацією?", "ask_where",
                      language="uk")
    assert messages[0]["response"] == "utter_report_advice"
    assert messages[0]["office"]["kind"] == "anti_discrimination_office"
    assert not any(message.get("sources") for message in messages)
