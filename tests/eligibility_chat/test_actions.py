"""The Rasa adapters, run as the action server runs them: a tracker in, events and
messages out (the style of RasaHQ's financial-demo tests)."""
from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecutionRejected, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.eligibility import (
    ActionAskEligibilityAnswer,
    ActionEligibilityResult,
    ActionEligibilityStart,
    ActionEligibilityStop,
    ValidateEligibilityForm,
)
from actions.forms import answered_just_now
from bot.domain_files import read_domain
from bot.eligibility.chat import answer_payload
from bot.paths import domain_dir

DOMAIN = read_domain(domain_dir())
SLOTS = {"eligibility_services", "eligibility_facts", "eligibility_skipped",
         "eligibility_question", "eligibility_answer", "requested_slot", "language", "service"}


def tracker(text: str = "", intent: str = "nlu_fallback", confidence: float = 1.0,
            entities: list[dict[str, Any]] | None = None, answered: bool = True,
            **slots: Any) -> Tracker:
    """A conversation whose last message is `text`; `answered` says whether the person
    wrote since the form last asked (as the form's temporary tracker shows it)."""
    message = {"text": text, "intent": {"name": intent, "confidence": confidence},
               "entities": entities or []}
    events: list[dict[str, Any]] = [{"event": "action", "name": "eligibility_form"},
                                    {"event": "action", "name": "action_listen"}]
    if answered:
        events.append({"event": "user", "text": text, "parse_data": message})
    else:
        events.append({"event": "action", "name": "action_talk_to_person"})
    events.append({"event": "action", "name": "eligibility_form"})
    values = {name: None for name in SLOTS} | {"language": "en"} | slots
    return Tracker("test", values, message, events, False, None, {}, "eligibility_form")


def run(action: Action, current: Tracker) -> tuple[list[dict[str, Any]], list[Any]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, current, DOMAIN))
    return dispatcher.messages, events


def slot(events: list[Any], name: str) -> Any:
    values = [event["value"] for event in events if event.get("event") == "slot"
              and event.get("name") == name]
    assert values, f"{name} was not set"
    return values[-1]


def test_asking_about_a_service_starts_the_questions() -> None:
    messages, events = run(ActionEligibilityStart(), tracker("can I get housing benefit?"))
    assert [message["response"] for message in messages] == ["utter_eligibility_start"]
    assert messages[0]["services"] == "Housing benefit (Wohngeld)"
    assert slot(events, "eligibility_services") == ["housing-benefit"]
    assert FollowupAction("eligibility_form") in events


def test_can_i_get_it_checks_the_service_the_conversation_is_on() -> None:
    messages, events = run(ActionEligibilityStart(),
                           tracker("can I get it?", service="housing-benefit"))
    assert [message["response"] for message in messages] == ["utter_eligibility_start"]
    assert slot(events, "eligibility_services") == ["housing-benefit"]


def test_who_can_get_it_answers_about_the_service_the_conversation_is_on(database: str) -> None:
    messages, events = run(ActionEligibilityStart(),
                           tracker("who can get it?", service="kita-place-and-voucher"))
    assert messages[0]["response"] == "utter_service_who"
    assert messages[0]["sources"][0]["id"] == "kita-place-and-voucher"


def test_asking_without_naming_a_service_offers_the_areas() -> None:
    messages, events = run(ActionEligibilityStart(), tracker("am I entitled to anything?"))
    assert [message["response"] for message in messages] == ["utter_eligibility_which_service"]
    assert [button["payload"] for button in messages[0]["buttons"]][0] == (
        '/check_eligibility{"eligibility_category":"housing"}')
    assert events == []


def test_a_check_naming_no_service_by_its_words_checks_the_service_the_catalogue_finds(
        database: str) -> None:
    """"Can I get help from the state to live on?" names Bürgergeld by no keyword: the
    catalogue's decision (ranker and word search) finds it, as for any question."""
    messages, events = run(ActionEligibilityStart(), tracker(
        "kann ich Hilfe vom Staat zum Leben bekommen?", language="de"))
    assert [message["response"] for message in messages] == ["utter_eligibility_start"]
    assert slot(events, "eligibility_services") == ["basic-income-support"]


def test_a_check_about_nothing_the_catalogue_knows_still_offers_the_areas(
        database: str) -> None:
    messages, _ = run(ActionEligibilityStart(), tracker("am I entitled to anything?"))
    assert [message["response"] for message in messages] == ["utter_eligibility_which_service"]


def test_an_area_button_offers_its_services_in_the_persons_language() -> None:
    messages, _ = run(ActionEligibilityStart(), tracker(
        "/check_eligibility", "check_eligibility",
        entities=[{"entity": "eligibility_category", "value": "housing"}], language="de"))
    assert messages[0]["response"] == "utter_eligibility_which_service_in_area"
    assert messages[0]["content_language"] == "de"
    assert "Wohngeld" in [button["title"] for button in messages[0]["buttons"]]


def test_facts_told_earlier_in_the_conversation_are_not_asked_again() -> None:
    messages, events = run(ActionEligibilityStart(), tracker(
        "/check_eligibility", "check_eligibility",
        entities=[{"entity": "eligibility_service", "value": "emergency-accommodation"}],
        eligibility_facts={"has_place_to_sleep": False}))
    assert [message["response"] for message in messages] == [
        "utter_eligibility_result", "utter_eligibility_notice"]
    assert not any(isinstance(event, dict) and event.get("event") == "followup"
                   for event in events)


def test_a_yes_no_question_comes_with_the_domains_buttons() -> None:
    messages, events = run(ActionAskEligibilityAnswer(), tracker(
        eligibility_services=["emergency-accommodation"], eligibility_facts={},
        eligibility_skipped=[]))
    assert messages[0]["response"] == "utter_eligibility_question_yes_no"
    assert messages[0]["question"] == "Do you have a safe place to sleep tonight?"
    assert slot(events, "eligibility_question") == "has_place_to_sleep"


def test_a_choice_question_has_its_values_and_skip_as_the_last_button() -> None:
    messages, _ = run(ActionAskEligibilityAnswer(), tracker(
        eligibility_services=["housing-benefit"], eligibility_facts={}, eligibility_skipped=[],
        language="fa"))
    buttons = messages[0]["buttons"]
    assert messages[0]["response"] == "utter_eligibility_question_choice"
    assert messages[0]["content_language"] == "fa"
    assert buttons[-1]["payload"] == "/skip_question"
    assert buttons[-1]["title"] == "رد کردن این سؤال"
    assert len(buttons) == 12


def test_a_number_question_asks_for_a_number_with_only_a_skip_button() -> None:
    messages, _ = run(ActionAskEligibilityAnswer(), tracker(
        eligibility_services=["german-placement-test"], eligibility_facts={},
        eligibility_skipped=[]))
    assert messages[0]["response"] == "utter_eligibility_question_number"
    assert [button["payload"] for button in messages[0]["buttons"]] == ["/skip_question"]


def validate(text: str, intent: str = "eligibility_answer", confidence: float = 1.0,
             answer: str | None = None, asked: str = "has_place_to_sleep",
             services: list[str] | None = None, language: str = "en",
             answered: bool = True) -> tuple[list[dict[str, Any]], list[Any]]:
    return run(ValidateEligibilityForm(), tracker(
        text, intent, confidence, answered=answered, language=language,
        eligibility_services=services or ["emergency-accommodation"], eligibility_facts={},
        eligibility_skipped=[], eligibility_question=asked,
        eligibility_answer=text if answer is None else answer))


def test_a_tapped_answer_is_stored_and_ends_the_questions_when_nothing_is_left() -> None:
    _, events = validate(answer_payload(False), answer="false")
    assert slot(events, "eligibility_facts") == {"has_place_to_sleep": False}
    assert slot(events, "requested_slot") is None


def test_no_is_an_answer_even_when_classified_as_a_skip() -> None:
    _, events = validate("no", intent="skip_question")
    assert slot(events, "eligibility_facts") == {"has_place_to_sleep": False}


def test_the_skip_button_skips_and_the_question_is_not_asked_again() -> None:
    _, events = validate("/skip_question", intent="skip_question", answer="")
    assert slot(events, "eligibility_skipped") == ["has_place_to_sleep"]
    assert slot(events, "eligibility_facts") == {}
    assert slot(events, "requested_slot") is None


def test_a_typed_skip_in_arabic_skips() -> None:
    _, events = validate("لا أعرف", intent="skip_question", language="ar")
    assert slot(events, "eligibility_skipped") == ["has_place_to_sleep"]


def test_an_unreadable_answer_is_said_so_and_the_question_stays() -> None:
    messages, events = validate("the weather is nice", intent="out_of_scope")
    assert [message["response"] for message in messages] == ["utter_eligibility_not_understood"]
    assert slot(events, "requested_slot") == "eligibility_answer"


def test_an_unreadable_number_says_which_numbers_are_possible() -> None:
    messages, _ = validate("many", intent="nlu_fallback", asked="age",
                           services=["integration-course"])
    assert messages[0]["response"] == "utter_eligibility_not_understood_number"
    assert (messages[0]["minimum"], messages[0]["maximum"]) == (0, 120)


def test_naming_another_service_during_the_questions_adds_it() -> None:
    messages, events = validate("and can I get a kita place too?", intent="check_eligibility")
    assert messages[0]["response"] == "utter_eligibility_also_checking"
    assert slot(events, "eligibility_services") == [
        "emergency-accommodation", "kita-place-and-voucher"]


def test_asking_for_a_person_leaves_the_form_for_its_rule() -> None:
    _, events = validate("I want to talk to a person", intent="talk_to_person", confidence=0.97)
    assert events == [ActionExecutionRejected("eligibility_form")]


def test_an_uncertain_goodbye_that_reads_as_no_is_an_answer() -> None:
    _, events = validate("no thanks", intent="goodbye", confidence=0.9)
    assert slot(events, "eligibility_facts") == {"has_place_to_sleep": False}


def test_returning_after_an_interruption_asks_again_without_reading_an_answer() -> None:
    _, events = validate("I want to talk to a person", intent="talk_to_person",
                         confidence=0.97, answered=False)
    assert slot(events, "eligibility_facts") == {}
    assert slot(events, "requested_slot") == "eligibility_answer"


def test_answered_just_now_looks_behind_the_forms_own_event() -> None:
    assert answered_just_now(tracker("x"), "eligibility_form")
    assert not answered_just_now(tracker("x", answered=False), "eligibility_form")


def test_the_result_cites_the_service_and_the_deciding_office() -> None:
    messages, events = run(ActionEligibilityResult(), tracker(
        eligibility_services=["housing-benefit"],
        eligibility_facts={"residence_status": "asylum_seeker"}, language="ar"))
    result, instead, notice = messages
    assert result["response"] == "utter_eligibility_result"
    assert (result["content_language"], result["content_translation"]) == ("ar", "curated")
    assert result["sources"] == [{"id": "housing-benefit", "category": "housing",
                                  "title": "بدل السكن (Wohngeld)"}]
    assert result["office"]["id"] == "housing-office"
    assert result["office"]["kind"] == "service_point"
    assert instead["response"] == "utter_eligibility_instead"
    assert instead["office"]["id"] == "social-services-office"
    assert notice["response"] == "utter_eligibility_notice"
    assert slot(events, "eligibility_services") == []


def test_a_result_with_an_untranslated_text_is_shown_wholly_in_english(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from bot.eligibility.chat_texts import default_context
    from bot.paths import translations_dir

    shutil.copytree(translations_dir() / "eligibility", tmp_path / "eligibility")
    monkeypatch.setenv("CITY_ASSISTANT_TRANSLATIONS", str(tmp_path))
    default_context.cache_clear()
    try:
        messages, _ = run(ActionEligibilityResult(), tracker(
            eligibility_services=["emergency-accommodation"],
            eligibility_facts={"has_place_to_sleep": False}, language="de"))
    finally:
        default_context.cache_clear()
    assert (messages[0]["content_language"], messages[0]["content_translation"]) == (
        "en", "source")
    assert messages[0]["outcome_label"] == "You can probably get this."


def test_saying_goodbye_during_the_questions_forgets_the_answers() -> None:
    messages, events = run(ActionEligibilityStop(), tracker(
        eligibility_facts={"age": 30}, eligibility_services=["integration-course"]))
    assert messages[0]["response"] == "utter_eligibility_stopped"
    assert SlotSet("eligibility_facts", {}) in events


def test_answers_the_rules_no_longer_know_are_dropped_not_trusted() -> None:
    messages, events = run(ActionAskEligibilityAnswer(), tracker(
        eligibility_services=["emergency-accommodation", "retired-service"],
        eligibility_facts={"has_place_to_sleep": "perhaps", "household": 3},
        eligibility_skipped=["no_such_fact"]))
    assert messages[0]["question"] == "Do you have a safe place to sleep tonight?"
    assert slot(events, "eligibility_question") == "has_place_to_sleep"


def test_a_question_about_the_service_during_the_questions_is_answered_then_asked_again(
    database: str,
) -> None:
    """"Who can get it?" instead of an answer: the person was told "I could not read this
    answer" and stuck; now the catalogue answers about the service being checked."""
    for text, language, response in (
        ("who can get it?", "en", "utter_service_who"),
        ("Und wo muss ich hin?", "de", "utter_service_where"),
        ("كيف أقدم؟", "ar", "utter_service_how"),
    ):
        messages, events = validate(text, intent="ask_who", services=["kita-place-and-voucher"],
                                    asked="lives_in_city", language=language)
        assert messages[0]["response"] == response, text
        assert messages[0]["sources"][0]["id"] == "kita-place-and-voucher"
        assert slot(events, "requested_slot") == "eligibility_answer"
        assert slot(events, "eligibility_facts") == {}


def test_can_i_get_it_checks_the_conversations_service_with_the_catalogue_loaded(
        database: str) -> None:
    """With the service ranker answering, "can I get it?" still means the service the
    conversation is on, not whatever the ranker guesses for three words."""
    messages, events = run(ActionEligibilityStart(),
                           tracker("can I get it?", service="housing-benefit"))
    assert [message["response"] for message in messages] == ["utter_eligibility_start"]
    assert slot(events, "eligibility_services") == ["housing-benefit"]
