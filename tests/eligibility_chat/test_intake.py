"""The eligibility dialogue's steps without Rasa: a `Check` and a `Reply` in, what to say
and the slots to set out."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import bot.eligibility.chat_texts as chat_texts
from bot.catalogue import CatalogueData
from bot.eligibility import RuleBook
from bot.eligibility.chat import answer_payload
from bot.eligibility.chat_texts import Context
from bot.eligibility.intake import (
    ANSWER_OR_CHOICE,
    CATALOGUE_ANSWER,
    Check,
    Reply,
    answer,
    ask,
    finish,
    start,
    stop,
)
from bot.paths import translations_dir
from tests.eligibility_chat.conftest import context_over

SHELTER = "emergency-accommodation"


def nothing_decided() -> str | None:
    return None


def no_answer(service: str, kind: str) -> bool:
    return False


def responses(messages: list[Any]) -> list[str]:
    return [message.response for message in messages]


def test_asking_about_a_service_begins_its_check_and_the_form(context: Context) -> None:
    begun = start(Reply("can I get housing benefit?"), "en", Check(), None, nothing_decided,
                  context)
    assert responses(begun.messages) == ["utter_eligibility_start"]
    assert begun.messages[0].arguments["services"] == "Housing benefit (Wohngeld)"
    assert begun.start_form
    assert begun.slots["eligibility_services"] == ["housing-benefit"]
    assert begun.hand_over is None


def test_the_catalogues_decision_is_asked_only_when_no_service_is_named(
        context: Context) -> None:
    asked: list[str] = []

    def decided() -> str | None:
        asked.append("decided")
        return "basic-income-support"

    start(Reply("can I get housing benefit?"), "en", Check(), None, decided, context)
    assert asked == []
    begun = start(Reply("kann ich Hilfe vom Staat zum Leben bekommen?"), "de", Check(), None,
                  decided, context)
    assert asked == ["decided"]
    assert begun.slots["eligibility_services"] == ["basic-income-support"]


def test_can_i_get_it_checks_the_service_the_conversation_is_on(context: Context) -> None:
    begun = start(Reply("can I get it?"), "en", Check(), "housing-benefit", nothing_decided,
                  context)
    assert begun.slots["eligibility_services"] == ["housing-benefit"]


@pytest.mark.parametrize(("text", "previous"), [
    ("how do I register my child for school", None),
    ("what is a WBS", None),
    ("who can get it?", "kita-place-and-voucher"),
])
def test_a_question_is_handed_to_the_catalogue_not_checked(
        context: Context, text: str, previous: str | None) -> None:
    begun = start(Reply(text), "en", Check(), previous, nothing_decided, context)
    assert begun.hand_over == CATALOGUE_ANSWER
    assert begun.messages == [] and begun.slots == {}


def test_naming_no_service_offers_the_areas_unless_the_catalogue_answers(
        context: Context) -> None:
    begun = start(Reply("am I entitled to anything?"), "en", Check(), None, nothing_decided,
                  context)
    assert begun.hand_over == ANSWER_OR_CHOICE
    assert responses(begun.messages) == ["utter_eligibility_which_service"]
    assert begun.messages[0].arguments["buttons"][0]["payload"] == (
        '/check_eligibility{"eligibility_category":"housing"}')
    assert begun.slots == {}


def test_an_area_button_offers_its_services_in_the_persons_language(context: Context) -> None:
    begun = start(Reply("/check_eligibility", "check_eligibility", category="housing"), "de",
                  Check(), None, nothing_decided, context)
    [offer] = begun.messages
    assert offer.response == "utter_eligibility_which_service_in_area"
    assert offer.arguments["content_language"] == "de"
    assert "Wohngeld" in [button["title"] for button in offer.arguments["buttons"]]


def test_facts_told_earlier_give_the_results_at_once(context: Context) -> None:
    begun = start(Reply("/check_eligibility", service=SHELTER), "en",
                  Check(facts={"has_place_to_sleep": False}), None, nothing_decided, context)
    assert responses(begun.messages) == ["utter_eligibility_result", "utter_eligibility_notice"]
    assert not begun.start_form
    assert begun.slots["eligibility_services"] == []


def test_the_next_question_is_asked_and_remembered(context: Context) -> None:
    step = ask(Check(services=(SHELTER,)), "en", context)
    assert responses(step.messages) == ["utter_eligibility_question_yes_no"]
    assert step.messages[0].arguments["question"] == "Do you have a safe place to sleep tonight?"
    assert step.check.asked == "has_place_to_sleep"
    assert step.slots == {"eligibility_question": "has_place_to_sleep"}


def test_a_choice_question_ends_with_the_skip_button_in_the_persons_language(
        context: Context) -> None:
    step = ask(Check(services=("housing-benefit",)), "fa", context)
    buttons = step.messages[0].arguments["buttons"]
    assert buttons[-1] == {"title": "رد کردن این سؤال", "payload": "/skip_question"}


def test_nothing_is_asked_when_no_question_is_left(context: Context) -> None:
    step = ask(Check(services=(SHELTER,), facts={"has_place_to_sleep": True}), "en", context)
    assert step.messages == [] and step.slots == {}


def asked(fact: str = "has_place_to_sleep", services: tuple[str, ...] = (SHELTER,)) -> Check:
    return Check(services=services, asked=fact)


def test_a_tapped_answer_is_kept_and_ends_the_questions_when_none_is_left(
        context: Context) -> None:
    step = answer(asked(), Reply(answer_payload(False), "eligibility_answer", answer="false"),
                  "en", no_answer, context)
    assert step.check.facts == {"has_place_to_sleep": False}
    assert step.slots["eligibility_facts"] == {"has_place_to_sleep": False}
    assert step.slots["requested_slot"] is None


def test_a_typed_no_is_an_answer_whatever_its_intent(context: Context) -> None:
    step = answer(asked(), Reply("nein", "goodbye", 0.95), "de", no_answer, context)
    assert step.check.facts == {"has_place_to_sleep": False}
    assert not step.rejected


def test_a_skipped_question_is_never_asked_again(context: Context) -> None:
    step = answer(asked(), Reply("/skip_question", "skip_question"), "en", no_answer, context)
    assert step.check.skipped == ("has_place_to_sleep",)
    assert ask(step.check, "en", context).messages == []


def test_a_confident_request_for_a_person_leaves_the_questions_for_a_moment(
        context: Context) -> None:
    step = answer(asked(), Reply("I want to talk to a person", "talk_to_person", 0.97), "en",
                  no_answer, context)
    assert step.rejected
    assert step.messages == []


def test_a_question_about_the_service_gets_the_catalogues_answer_and_the_question_stays(
        context: Context) -> None:
    answered: list[tuple[str, str]] = []

    def about(service: str, kind: str) -> bool:
        answered.append((service, kind))
        return True

    step = answer(asked("lives_in_city", ("kita-place-and-voucher",)),
                  Reply("who can get it?", "ask_who", 0.9), "en", about, context)
    assert answered == [("kita-place-and-voucher", "who")]
    assert step.messages == []
    assert step.slots["requested_slot"] == "eligibility_answer"


def test_naming_another_service_adds_it_to_the_check(context: Context) -> None:
    step = answer(asked(), Reply("and can I get a kita place too?", "check_eligibility", 0.9),
                  "en", no_answer, context)
    assert responses(step.messages) == ["utter_eligibility_also_checking"]
    assert step.check.services == (SHELTER, "kita-place-and-voucher")


def test_an_unreadable_number_says_which_numbers_are_possible(context: Context) -> None:
    step = answer(asked("age", ("integration-course",)), Reply("many", "nlu_fallback", 0.5),
                  "en", no_answer, context)
    [said] = step.messages
    assert said.response == "utter_eligibility_not_understood_number"
    assert (said.arguments["minimum"], said.arguments["maximum"]) == (0, 120)
    assert step.slots["requested_slot"] == "eligibility_answer"


def test_back_from_an_interruption_the_question_comes_again_without_reading(
        context: Context) -> None:
    step = answer(asked(), None, "en", no_answer, context)
    assert step.check.facts == {} and step.messages == []
    assert step.slots["requested_slot"] == "eligibility_answer"


def test_the_result_names_the_deciding_office_and_what_to_do_instead(context: Context) -> None:
    step = finish(Check(services=("housing-benefit",),
                        facts={"residence_status": "asylum_seeker"}), "ar", context)
    result, instead, notice = step.messages
    assert responses(step.messages) == [
        "utter_eligibility_result", "utter_eligibility_instead", "utter_eligibility_notice"]
    assert result.arguments["content_language"] == "ar"
    assert result.arguments["office"] == {"id": "housing-office", "kind": "service_point",
                                          "name": result.arguments["office"]["name"]}
    assert instead.arguments["office"]["id"] == "social-services-office"
    assert notice.arguments["content_translation"] == "curated"


def test_each_service_is_evaluated_once_for_its_result(
        context: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    evaluated: list[str] = []
    evaluate = chat_texts.evaluate

    def counted(rules: Any, facts: Any) -> Any:
        evaluated.append(rules.service)
        return evaluate(rules, facts)

    monkeypatch.setattr(chat_texts, "evaluate", counted)
    finish(Check(services=("housing-benefit", SHELTER),
                 facts={"residence_status": "asylum_seeker"}), "de", context)
    assert evaluated == ["housing-benefit", SHELTER]


def test_the_facts_are_kept_for_a_later_check_after_the_results(context: Context) -> None:
    step = finish(Check(services=(SHELTER,), facts={"has_place_to_sleep": False},
                        skipped=("age",), asked="has_place_to_sleep"), "en", context)
    assert step.check == Check(facts={"has_place_to_sleep": False})
    assert step.slots == {"eligibility_services": [], "eligibility_skipped": [],
                          "eligibility_question": None}


def test_a_result_with_an_untranslated_text_is_shown_wholly_in_english(
        book: RuleBook, catalogue: CatalogueData, tmp_path: Path) -> None:
    shutil.copytree(translations_dir() / "eligibility", tmp_path / "eligibility")
    without_content = context_over(book, catalogue, tmp_path)
    step = finish(Check(services=(SHELTER,), facts={"has_place_to_sleep": False}), "de",
                  without_content)
    for message in step.messages:
        assert (message.arguments["content_language"],
                message.arguments["content_translation"]) == ("en", "source")
    assert step.messages[0].arguments["outcome_label"] == "You can probably get this."


def test_goodbye_during_the_questions_forgets_every_answer() -> None:
    step = stop()
    assert responses(step.messages) == ["utter_eligibility_stopped"]
    assert step.slots == {"eligibility_services": [], "eligibility_facts": {},
                          "eligibility_skipped": [], "eligibility_question": None,
                          "eligibility_answer": None}


def test_the_check_survives_its_slots_and_drops_what_the_rules_no_longer_know(
        context: Context) -> None:
    check = Check(services=(SHELTER,), facts={"has_place_to_sleep": False}, skipped=("age",))
    assert Check.from_slots(check.to_slots(), context.book) == check
    stale = Check.from_slots({
        "eligibility_services": [SHELTER, "retired-service"],
        "eligibility_facts": {"has_place_to_sleep": "perhaps", "household": 3, "age": 30},
        "eligibility_skipped": ["no_such_fact"], "eligibility_question": "no_such_fact",
    }, context.book)
    assert stale == Check(services=(SHELTER,), facts={"age": 30})
