"""The eligibility check as people use it: against the trained model and the real servers.

Expected texts are computed from the same rules, PO files and rendering as the HTTP API
(`check_results` is `render_result` per service), so a chat answer that differs from the
API's for the same facts fails here.
"""
from __future__ import annotations

from typing import Any

import pytest

from bot.catalogue import load_catalogue_files
from bot.eligibility import load_rules
from bot.eligibility.chat import (
    answer_payload,
    catalogue_title,
    check_results,
    list_text,
    result_texts,
    service_payload,
)
from bot.eligibility.translatable import ContentTranslator, translator_for
from bot.paths import catalogue_dir, domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from bot.translation.compose import compose
from tests.conversation.replies import Turn, turns
from tests.eligibility.conftest import RULES
from tests.support.servers import Assistant

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
CATALOGUE = load_catalogue_files(catalogue_dir())
BOOK = load_rules(RULES, CATALOGUE)
SKIP = "/skip_question"


def say(assistant: Assistant, sender: str, text: str, **metadata: str) -> list[Turn]:
    replies = turns(assistant.send(sender, text, metadata or None))
    assert replies, f"no reply to {text!r}"
    for turn in replies:
        assert turn.custom.get("language"), f"a turn without custom.language: {turn}"
        assert turn.custom.get("translation") in {"curated", "machine", "source"}
    return replies


def content(language: str, build: Any) -> tuple[dict[str, Any], str, str]:
    """Arguments built in `language`, or in English when a text is untranslated, as the
    action server does it; with the language and label the turn must carry."""
    composed = compose(lambda texts: build(translator_for(texts.language, texts)), language)
    return composed.value, composed.language, composed.translation


def expected_question(fact: str, language: str) -> str:
    response = {"boolean": "utter_eligibility_question_yes_no",
                "integer": "utter_eligibility_question_number"}.get(
        BOOK.facts[fact].type, "utter_eligibility_question_choice")

    def build(translate: ContentTranslator) -> dict[str, Any]:
        text = translate(BOOK.facts[fact].question)
        if BOOK.facts[fact].help:
            text = f"{text}\n{translate(BOOK.facts[fact].help or '')}"
        return {"question": text}

    arguments, shown, _ = content(language, build)
    return RENDERER.render(response, shown, arguments).text


def expected_result(service: str, facts: dict[str, Any], language: str
                    ) -> tuple[str, str, str, dict[str, Any]]:
    """The result turn's text, language and label, and the rendered result (as the API)."""
    def build(translate: ContentTranslator) -> dict[str, Any]:
        [result] = check_results(BOOK, CATALOGUE, [service], facts, translate.language, translate)
        texts = result_texts(result, BOOK, translate.language, translate)
        return {"service_title": texts.service_title, "outcome_label": texts.outcome_label,
                "reasons": texts.reasons, "offices": texts.offices, "result": result}

    arguments, shown, label = content(language, build)
    text = RENDERER.render("utter_eligibility_result", shown, arguments).text
    return text, shown, label, arguments["result"]


def expected_start(services: list[str], language: str) -> str:
    def build(translate: ContentTranslator) -> dict[str, Any]:
        titles = [catalogue_title(CATALOGUE, service, translate.language, translate)
                  for service in services]
        return {"services": list_text(titles, translate.language)}

    arguments, shown, _ = content(language, build)
    return RENDERER.render("utter_eligibility_start", shown, arguments).text


ASKING_FOR_HOUSING_BENEFIT = [
    ("can I get housing benefit?", "en"),
    ("Habe ich Anspruch auf Wohngeld?", "de"),
    ("هل يحق لي الحصول على بدل السكن؟", "ar"),
    ("آیا حق دارم کمک هزینه مسکن بگیرم؟", "fa"),
    ("Чи маю я право на допомогу на житло?", "uk"),
    ("Ai-je droit à l'allocation logement ?", "fr"),
    ("ሓገዝ ክራይ ገዛ ክረክብ መሰል ኣሎኒ ድዩ?", "ti"),
]


@pytest.mark.e2e
@pytest.mark.parametrize(("question", "language"), ASKING_FOR_HOUSING_BENEFIT)
def test_an_asylum_seeker_asking_about_housing_benefit_learns_why_not_and_what_instead(
    assistant: Assistant, sender: str, question: str, language: str
) -> None:
    replies = say(assistant, sender, question, language=language)
    start, first_question = replies[-2], replies[-1]
    assert start.text == expected_start(["housing-benefit"], language)
    assert first_question.custom["language"] == language
    assert first_question.text == expected_question("residence_status", language)
    assert first_question.buttons[-1]["payload"] == SKIP
    payloads = [button["payload"] for button in first_question.buttons]
    assert answer_payload("asylum_seeker") in payloads

    result, instead, notice = say(assistant, sender, answer_payload("asylum_seeker"))
    text, shown, label, rendered = expected_result(
        "housing-benefit", {"residence_status": "asylum_seeker"}, language)
    assert rendered["outcome"] == "not_eligible"
    assert (result.text, result.custom["language"], result.custom["translation"]) == (
        text, shown, label)
    assert result.custom["sources"] == rendered["sources"]
    assert result.custom["office"] == {"id": "housing-office", "kind": "service_point",
                                       "name": rendered["decided_by"][0]["name"]}
    assert instead.custom["office"]["id"] == "social-services-office"
    assert translator_for(notice.custom["language"])(BOOK.texts.notice) in notice.text


@pytest.mark.e2e
def test_only_the_questions_a_service_needs_are_asked(assistant: Assistant, sender: str) -> None:
    replies = say(assistant, sender,
                  "I have nowhere to sleep tonight, can I get emergency accommodation?")
    assert replies[-1].text == expected_question("has_place_to_sleep", "en")
    result, notice = say(assistant, sender, "no")
    assert result.text == expected_result("emergency-accommodation",
                                          {"has_place_to_sleep": False}, "en")[0]
    assert result.custom["sources"][0]["id"] == "emergency-accommodation"
    assert "the office decides" in notice.text


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_question_can_be_skipped_and_the_result_says_what_is_unknown(
    assistant: Assistant, sender: str, language: str
) -> None:
    replies = say(assistant, sender, service_payload("kita-place-and-voucher"), language=language)
    asked = []
    # The check's first turn cites the service too; the questions go on while they offer Skip.
    for _ in range(len(BOOK.facts) + 1):
        if not replies[-1].buttons or replies[-1].buttons[-1]["payload"] != SKIP:
            break
        asked.append(replies[-1].text)
        replies = say(assistant, sender, SKIP)
    assert asked, "no question offered Skip"
    assert len(asked) == len(set(asked)), "a skipped question was asked again"
    result = next(turn for turn in replies if turn.custom.get("sources"))
    text, shown, _, rendered = expected_result("kita-place-and-voucher", {}, language)
    assert rendered["outcome"] == "unknown"
    assert (result.text, result.custom["language"]) == (text, shown)


@pytest.mark.e2e
def test_typed_answers_in_persian_digits_and_words_are_understood(
    assistant: Assistant, sender: str
) -> None:
    say(assistant, sender, "آیا می‌توانم در کلاس ادغام شرکت کنم؟", language="fa")
    say(assistant, sender, answer_payload("recognised_refugee"))
    [months] = say(assistant, sender, "۱۰")
    assert months.text == expected_question("age", "fa")
    [level] = say(assistant, sender, "۳۴ سالمه")
    assert level.text == expected_question("german_level", "fa")
    result, notice = say(assistant, sender, "A1")
    facts = {"residence_status": "recognised_refugee", "months_in_germany": 10, "age": 34,
             "german_level": "a1"}
    text, shown, _, rendered = expected_result("integration-course", facts, "fa")
    assert rendered["outcome"] == "eligible"
    assert (result.text, result.custom["language"]) == (text, shown)


@pytest.mark.e2e
@pytest.mark.parametrize(("answer", "language"), [("ja", "de"), ("نعم", "ar"), ("Так", "uk")])
def test_yes_typed_in_the_persons_language_answers_a_yes_no_question(
    assistant: Assistant, sender: str, answer: str, language: str
) -> None:
    say(assistant, sender, service_payload("renting-a-flat-advice"), language=language)
    result, _ = say(assistant, sender, answer)
    text, shown, _, rendered = expected_result("renting-a-flat-advice",
                                               {"lives_in_city": True}, language)
    assert rendered["outcome"] == "eligible"
    assert (result.text, result.custom["language"]) == (text, shown)


@pytest.mark.e2e
def test_an_unreadable_answer_gets_the_question_again(assistant: Assistant, sender: str) -> None:
    say(assistant, sender, service_payload("german-placement-test"))
    sorry, again = say(assistant, sender, "I am old")
    assert sorry.text == RENDERER.render("utter_eligibility_not_understood_number", "en",
                                         {"minimum": 0, "maximum": 120}).text
    assert again.text == expected_question("age", "en")


@pytest.mark.e2e
def test_asking_for_a_person_during_the_questions_gives_the_contact_then_the_question(
    assistant: Assistant, sender: str
) -> None:
    say(assistant, sender, "Habe ich ein Recht auf einen Kitaplatz?", language="de")
    contact, question = say(assistant, sender, "Ich möchte mit einem Menschen sprechen")
    assert contact.custom["office"]["id"] == "welcome-centre"
    assert question.text == expected_question("lives_in_city", "de")


@pytest.mark.e2e
def test_saying_goodbye_during_the_questions_stops_and_forgets(
    assistant: Assistant, sender: str
) -> None:
    say(assistant, sender, "do I have a right to a kita place")
    stopped, goodbye = say(assistant, sender, "bye")
    assert stopped.text == RENDERER.render("utter_eligibility_stopped", "en", {}).text
    assert goodbye.text == RENDERER.render("utter_goodbye", "en", {}).text
    replies = say(assistant, sender, "do I have a right to a kita place")
    assert replies[-1].text == expected_question("lives_in_city", "en")


@pytest.mark.e2e
def test_asking_without_a_service_offers_the_areas_then_their_services(
    assistant: Assistant, sender: str
) -> None:
    [areas] = say(assistant, sender, "am I entitled to anything?")
    assert len(areas.buttons) == 5
    [services] = say(assistant, sender, areas.buttons[0]["payload"])
    assert service_payload("housing-benefit") in [button["payload"] for button in services.buttons]
