"""Questions about city services answered from the catalogue, against the trained model, in
every supported language."""
from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.catalogue import load_catalogue_files
from bot.catalogue.answers import Answer, answer
from bot.catalogue.models import UnansweredRow
from bot.db import make_engine, session_scope
from bot.paths import catalogue_dir, domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from tests.conversation.known_gaps import INTENT_GAP
from tests.conversation.replies import Turn, turns
from tests.support.servers import Assistant

CATALOGS = PoCatalogs(translations_dir())
RENDERER = ResponseRenderer(domain_dir(), CATALOGS)
SAMPLE = load_catalogue_files(catalogue_dir())
SERVICES = {service.id: service for service in SAMPLE.services}
OFFICES = {office.id: office for office in SAMPLE.offices}
SCHOOL = "school-registration-new-arrivals"


def expected_answer(service_id: str, question: str, language: str) -> Answer:
    """What the assistant should say, composed from the catalogue as the action does."""
    service = SERVICES[service_id]
    today = datetime.now(ZoneInfo(SAMPLE.city.timezone)).date()
    offices = [OFFICES[office] for office in service.offices]
    return answer(service, question, language, offices, CATALOGS, today, SAMPLE.city.city_language)


def say(assistant: Assistant, sender: str, text: str) -> list[Turn]:
    replies = turns(assistant.send(sender, text))
    assert replies, f"no reply to {text!r}"
    for turn in replies:
        assert turn.custom.get("language"), f"a turn without custom.language: {turn}"
        assert turn.custom.get("translation") in {"curated", "machine", "source"}
    return replies


def rendered_texts(expected: Answer, language: str) -> list[str]:
    return [
        RENDERER.render(utterance.response, language, utterance.arguments).text
        for utterance in expected.utterances
    ]


def assert_answers(replies: list[Turn], expected: Answer, language: str) -> None:
    assert len(replies) == len(expected.utterances), [turn.text for turn in replies]
    for turn, utterance in zip(replies, expected.utterances, strict=True):
        rendered = RENDERER.render(utterance.response, language, utterance.arguments)
        assert turn.text == rendered.text
        assert turn.custom["language"] == expected.language
        assert turn.custom["translation"] == rendered.translation
        assert turn.custom["sources"] == [dict(source) for source in expected.sources]


# "How do I register my child for school?" in each language, as people write it; none of
# these sentences is in the training data.
SCHOOL_QUESTIONS = [
    ("en", "how do I register my child for school"),
    ("ar", "كيف أسجل ابني في المدرسة"),
    ("uk", "як записати дитину до школи"),
    ("de", "Wie melde ich mein Kind in der Schule an?"),
    ("ru", "как записать ребенка в школу"),
    ("tr", "çocuğumu okula nasıl kaydettiririm"),
    ("fa", "چطور بچه‌ام رو در مدرسه ثبت نام کنم"),
    ("ps", "خپل ماشوم په ښوونځي کې څنګه نوم لیکنه وکړم"),
    ("so", "sidee ilmahayga dugsiga ugu diiwaangeliyaa"),
    ("ti", "ውላደይ ኣብ ቤት ትምህርቲ ብኸመይ ከመዝግብ"),
    ("fr", "comment inscrire mon enfant à l'école"),
    ("es", "cómo matriculo a mi hijo en la escuela"),
    ("pl", "jak zapisać dziecko do szkoły"),
    ("ro", "cum îmi înscriu copilul la școală"),
]


@pytest.mark.e2e
@pytest.mark.parametrize(("language", "question"), SCHOOL_QUESTIONS)
def test_how_to_register_a_child_for_school_is_answered_from_the_catalogue_with_its_source(
    assistant: Assistant, sender: str, language: str, question: str
) -> None:
    replies = say(assistant, sender, question)
    # "How do I ..." is answered with how to apply, in every language: the question word
    # says so whatever intent the model picks (bot/catalogue/question_kind.py).
    expected = expected_answer(SCHOOL, "how", language)
    texts = [turn.text for turn in replies]
    assert texts == rendered_texts(expected, language), texts
    assert_answers(replies, expected, language)
    assert replies[0].custom["sources"][0]["id"] == SCHOOL
    assert replies[0].custom["sources"][0]["category"] == "education"
    assert all(turn.custom["answered"] is True for turn in replies)
    # In the person's language whenever the catalogue's texts are translated into it;
    # otherwise wholly in English and labelled "source", never half and half.
    assert expected.language in {language, "en"}
    if expected.language == language:
        assert replies[0].custom["sources"][0]["title"] == expected.sources[0]["title"]


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("language", "question"),
    [("en", "how do I register my child for school"), ("ar", "كيف أسجل ابني في المدرسة"),
     ("uk", "як записати дитину до школи")],
)
def test_the_three_school_questions_get_answers_in_their_own_language(
    assistant: Assistant, sender: str, language: str, question: str
) -> None:
    replies = say(assistant, sender, question)
    texts = [turn.text for turn in replies]
    expected = next((expected_answer(SCHOOL, kind, language) for kind in ("how", "service")
                     if texts == rendered_texts(expected_answer(SCHOOL, kind, language),
                                                language)), None)
    assert expected is not None, texts  # how to apply, or what it is (with the how button)
    assert_answers(replies, expected, language)
    first = replies[0]
    assert first.custom["language"] == language
    assert first.custom["translation"] == ("source" if language == "en" else "curated")
    assert first.custom["sources"][0]["id"] == SCHOOL


@pytest.mark.e2e
def test_a_follow_up_button_answers_where_to_go_for_the_same_service(
    assistant: Assistant, sender: str
) -> None:
    say(assistant, sender, "how do I register my child for school")
    replies = say(assistant, sender, "/ask_where")
    expected = expected_answer(SCHOOL, "where", "en")
    assert_answers(replies, expected, "en")
    assert replies[0].custom["office"] == expected.utterances[0].arguments["office"]
    assert replies[0].custom["office"]["id"] == "school-office"
    assert OFFICES["school-office"].phone in replies[0].text


@INTENT_GAP
@pytest.mark.e2e
def test_a_typed_follow_up_question_keeps_the_service(assistant: Assistant, sender: str) -> None:
    say(assistant, sender, "Wie melde ich mein Kind in der Schule an?")
    replies = say(assistant, sender, "Und wo muss ich hin?")
    assert replies[0].custom["sources"][0]["id"] == SCHOOL


@pytest.mark.e2e
@pytest.mark.parametrize(("greeting", "service", "follow_up", "language"), [
    ("Guten Tag", "housing-entitlement-certificate", "Was kostet das?", "de"),
    ("Здравствуйте", "integration-course-admission", "Какие документы нужны?", "ru"),
    ("مرحبا", "kita-place-and-voucher", "ما هي الأوراق المطلوبة؟", "ar"),
])
def test_a_follow_up_about_documents_or_costs_gets_how_to_apply_for_the_same_service(
    assistant: Assistant, sender: str, greeting: str, service: str, follow_up: str,
    language: str,
) -> None:
    """What to bring and what it costs are in the how-to-apply answer, whatever NLU took
    the follow-up for."""
    say(assistant, sender, greeting)
    say(assistant, sender, f'/ask_service{{"service":"{service}"}}')
    replies = say(assistant, sender, follow_up)
    assert_answers(replies, expected_answer(service, "how", language), language)
    assert replies[0].custom["sources"][0]["id"] == service


@pytest.mark.e2e
def test_a_button_for_a_service_answers_in_the_conversations_language(
    assistant: Assistant, sender: str
) -> None:
    say(assistant, sender, "مرحبا")
    replies = say(assistant, sender, '/ask_who{"service":"vaccinations"}')
    assert_answers(replies, expected_answer("vaccinations", "who", "ar"), "ar")


@INTENT_GAP
@pytest.mark.e2e
def test_a_question_the_catalogue_cannot_answer_is_said_so_and_logged_without_personal_data(
    assistant: Assistant, sender: str, sample_database: str
) -> None:
    [turn] = say(assistant, sender, "My name is Jonas. Where is the lost and found office?")
    assert turn.custom["office"]["id"] == "welcome-centre"
    assert turn.custom["answered"] is False
    assert turn.custom["language"] == "en"
    assert "sources" not in turn.custom
    assert OFFICES["welcome-centre"].phone in turn.text
    engine = make_engine(sample_database)
    with session_scope(engine) as session:
        texts = session.execute(select(UnansweredRow.text)).scalars().all()
    engine.dispose()
    assert "my name is … where is the lost and found office" in texts
    assert not any("jonas" in text for text in texts)


def services_of(turn: Turn) -> set[str]:
    """The services a turn answers about, or offers to choose from."""
    return {item["id"] for key in ("sources", "candidates") for item in turn.custom.get(key) or []}


@pytest.mark.e2e
def test_a_vague_question_about_a_german_course_answers_or_offers_one(
    assistant: Assistant, sender: str
) -> None:
    turn = say(assistant, sender, "what is the kurs almani")[0]
    german_courses = {"integration-course", "integration-course-admission", "job-related-german",
                      "free-german-practice", "youth-integration-course",
                      "parents-and-women-integration-course", "online-german-learning"}
    assert services_of(turn) & german_courses, turn
    if "candidates" in turn.custom:  # a choice: two or three buttons, listed in the contract
        assert turn.text == RENDERER.render("utter_service_choose", "en", {}).text
        payloads = [button["payload"] for button in turn.buttons]
        assert 2 <= len(payloads) <= 3
        assert [item["id"] for item in turn.custom["candidates"]] == [
            json.loads(payload[len("/ask_service"):])["service"] for payload in payloads]


@pytest.mark.e2e
def test_a_message_nlu_does_not_understand_is_still_answered_when_its_service_is_clear(
    assistant: Assistant, sender: str
) -> None:
    say(assistant, sender, "hello")
    # A Russian word in Latin letters: the registration of one's address.
    turn = say(assistant, sender, "propiska")[0]
    assert "address-registration" in services_of(turn), turn


@pytest.mark.e2e
def test_a_message_nlu_does_not_understand_about_something_unknown_gets_the_advice_office(
    assistant: Assistant, sender: str, sample_database: str
) -> None:
    say(assistant, sender, "hello")
    [turn] = say(assistant, sender, "fishing licence")
    assert turn.custom["office"]["id"] == "welcome-centre"
    assert turn.custom["answered"] is False
    assert OFFICES["welcome-centre"].phone in turn.text
    engine = make_engine(sample_database)
    with session_scope(engine) as session:
        texts = session.execute(select(UnansweredRow.text)).scalars().all()
    engine.dispose()
    assert "fishing licence" in texts


# "What is ...?" about a service, as people ask it; none of these is in the training data.
# Whatever intent the model picks ("what can you do?", a request to check eligibility, a
# question), the person gets the service described, not the list of topics or a check.
WHAT_IS_QUESTIONS = [
    ("en", "what exactly is a Kita", "kita-place-and-voucher"),
    ("de", "Was genau ist eigentlich eine Kita?", "kita-place-and-voucher"),
    ("ru", "что такое Kita для ребенка", "kita-place-and-voucher"),
    ("tr", "Kita nedir, çocuğum için nasıl yer bulurum", "kita-place-and-voucher"),
    ("en", "what exactly is a WBS", "housing-entitlement-certificate"),
    ("de", "Was ist ein WBS genau?", "housing-entitlement-certificate"),
]


@pytest.mark.e2e
@pytest.mark.parametrize(("language", "question", "service"), WHAT_IS_QUESTIONS)
def test_asking_what_a_service_is_describes_the_service(
    assistant: Assistant, sender: str, language: str, question: str, service: str
) -> None:
    replies = say(assistant, sender, question)
    texts = [turn.text for turn in replies]
    assert replies[0].custom.get("sources"), texts
    assert replies[0].custom["sources"][0]["id"] == service, texts
    assert replies[0].custom["language"] in {language, "en"}
    capabilities = RENDERER.render("utter_capabilities", language, {}).text
    assert capabilities not in texts
    assert not any(turn.buttons and any("eligibility" in str(button.get("payload"))
                                        for button in turn.buttons) for turn in replies), texts
