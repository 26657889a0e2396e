"""The chat's logic without Rasa: which services, which questions, what answers mean."""
from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

import pytest

from bot.catalogue import CatalogueData
from bot.eligibility import RuleBook
from bot.eligibility.chat import (
    answer_payload,
    check_results,
    find_services,
    next_question,
    question_for,
    read_answer,
    result_texts,
)
from bot.eligibility.translatable import ContentTranslator


def converse(book: RuleBook, services: list[str], profile: Mapping[str, Any],
             skip: Collection[str] = ()) -> tuple[list[str], dict[str, Any], list[str]]:
    """The form's loop: ask the next question, answer it from `profile` by tapping the
    button (or skip it), until no question is left. Returns what was asked."""
    asked: list[str] = []
    facts: dict[str, Any] = {}
    skipped: list[str] = []
    while (fact := next_question(book, services, facts, skipped)) is not None:
        assert fact not in asked, f"{fact} was asked twice"
        asked.append(fact)
        if fact in skip or fact not in profile:
            skipped.append(fact)
        else:
            facts[fact] = read_answer(book.facts[fact], answer_payload(profile[fact]))
    return asked, facts, skipped


@pytest.mark.parametrize(("message", "services"), [
    ("Am I entitled to housing benefit?", ["housing-benefit"]),
    ("Habe ich Anspruch auf Wohngeld?", ["housing-benefit"]),
    ("هل يحق لي الحصول على بدل السكن؟", ["housing-benefit"]),
    ("آیا حق دارم کمک هزینه مسکن بگیرم؟", ["housing-benefit"]),
    ("Чи маю я право на місце в дитсадку?", ["kita-place-and-voucher"]),
    ("Bekomme ich einen Kitaplatz?", ["kita-place-and-voucher"]),
    ("can I attend an integration course as an asylum seeker", ["integration-course"]),
    ("can I go to the youth integration course", ["youth-integration-course"]),
    ("can I get a WBS and housing benefit", ["housing-entitlement-certificate", "housing-benefit"]),
    ("ሓገዝ ክራይ ገዛ ክረክብ ይኽእል ድየ?", ["housing-benefit"]),
    ("Ma xaq baan u leeyahay lacagta kirada?", ["housing-benefit"]),
])
def test_find_services_names_the_service_asked_about_in_any_language(
    message: str, services: list[str], catalogue: CatalogueData, book: RuleBook
) -> None:
    assert find_services(message, catalogue, book.services) == services


def test_find_services_names_nothing_when_no_service_is_named(
    catalogue: CatalogueData, book: RuleBook
) -> None:
    assert find_services("am I entitled to anything?", catalogue, book.services) == []


def test_only_the_questions_the_services_need_are_asked(book: RuleBook) -> None:
    asked, facts, _ = converse(book, ["emergency-accommodation"], {"has_place_to_sleep": False})
    assert asked == ["has_place_to_sleep"]
    assert check_results(book, _catalogue_of(book), ["emergency-accommodation"], facts)[0][
        "outcome"] == "eligible"


def test_one_answer_can_settle_a_service_and_end_the_questions(book: RuleBook) -> None:
    asked, _, _ = converse(book, ["housing-benefit"], {"residence_status": "tolerated"})
    assert asked == ["residence_status"]


def test_questions_come_in_the_vocabulary_order_and_never_twice(book: RuleBook) -> None:
    profile = {"residence_status": "recognised_refugee", "household_size": 2,
               "pays_for_housing": True, "monthly_net_income_band": "from_1001_to_1500",
               "benefits": "none"}
    asked, facts, _ = converse(book, ["housing-benefit"], profile)
    assert asked == list(profile)
    positions = [book.facts[fact].position for fact in asked]
    assert positions == sorted(positions)
    assert facts == profile


def test_a_skipped_question_is_not_asked_again_and_the_result_says_what_is_missing(
    book: RuleBook, translator: Callable[[str], ContentTranslator]
) -> None:
    profile = {"lives_in_city": True, "has_place_to_sleep": True}
    asked, facts, skipped = converse(book, ["address-registration"], profile,
                                     skip={"lives_in_city"})
    assert asked == ["lives_in_city", "has_place_to_sleep"]
    assert skipped == ["lives_in_city"]
    [result] = check_results(book, _catalogue_of(book), ["address-registration"], facts)
    assert result["outcome"] == "unknown"
    texts = result_texts(result, book)
    assert "Lives in Lindenbruck: We do not know this yet." in texts.reasons


@pytest.mark.parametrize(("fact", "typed", "value"), [
    ("age", "34", 34),
    ("age", "٣٤", 34),
    ("age", "۳۴", 34),
    ("age", "I am 34 years old", 34),
    ("age", "عمري ٣٤ سنة", 34),
    ("age", "200", None),
    ("age", "I am 34 and my son is 5", None),
    ("household_size", "3 Personen", 3),
    ("residence_status", "Duldung", "tolerated"),
    ("residence_status", "asylum seeker", "asylum_seeker"),
    ("residence_status", "tolerated", "tolerated"),
    ("residence_status", "refugee", "recognised_refugee"),
    ("residence_status", "something else", None),
    ("german_level", "B1", "b1"),
    ("monthly_net_income_band", "800", "from_501_to_1000"),
    ("monthly_net_income_band", "1.200 €", "from_1001_to_1500"),
    ("monthly_net_income_band", "9000", "over_5000"),
    ("lives_in_city", "true", True),
    ("lives_in_city", "yes, since May", True),
    ("lives_in_city", "no", False),
    ("lives_in_city", "maybe", None),
    ("lives_in_city", '/eligibility_answer{"eligibility_value":"false"}', False),
])
def test_typed_and_tapped_answers_are_read(book: RuleBook, fact: str, typed: str,
                                           value: Any) -> None:
    assert read_answer(book.facts[fact], typed) == value


@pytest.mark.parametrize(("language", "typed", "value"), [
    ("de", "Ja, seit Mai", True),
    ("de", "nein", False),
    ("ar", "نعم", True),
    ("ar", "لا", False),
    ("fa", "بله", True),
    ("uk", "Ні", False),
    ("ti", "እወ", True),
])
def test_yes_and_no_are_read_in_the_persons_language(
    book: RuleBook, language: str, typed: str, value: bool
) -> None:
    from bot.eligibility.chat_texts import default_context, yes_no_words

    yes, no = yes_no_words(language, default_context())
    assert read_answer(book.facts["lives_in_city"], typed, yes=yes, no=no) is value


@pytest.mark.parametrize(("language", "typed", "value"), [
    ("de", "Duldung", "tolerated"),
    ("de", "Asylsuchend", "asylum_seeker"),
    ("ar", "لاجئ معترف به", "recognised_refugee"),
    ("ru", "Субсидиарная защита", "subsidiary_protection"),
])
def test_a_choice_is_read_from_its_label_in_the_persons_language(
    book: RuleBook, translator: Callable[[str], ContentTranslator], language: str,
    typed: str, value: str
) -> None:
    assert read_answer(book.facts["residence_status"], typed, translator(language)) == value


def test_a_choice_question_has_one_button_per_value_in_the_persons_language(
    book: RuleBook, translator: Callable[[str], ContentTranslator]
) -> None:
    translate = translator("ar")
    question = question_for(book.facts["german_level"], translate)
    assert question.kind == "choice"
    assert [payload for _, payload in question.buttons] == [
        answer_payload(level) for level in ("none", "a1", "a2", "b1", "b2", "c1", "c2")]
    assert not translate.missing
    assert question.text.startswith(translate("How well do you speak German?"))
    assert all(title != "Not at all" for title, _ in question.buttons)


def test_a_not_eligible_result_gives_the_deciding_reason_and_what_to_do_instead(
    book: RuleBook, catalogue: CatalogueData
) -> None:
    [result] = check_results(book, catalogue, ["housing-benefit"],
                             {"residence_status": "asylum_seeker"})
    texts = result_texts(result, book)
    assert result["outcome"] == "not_eligible"
    assert texts.reasons.startswith("• During the asylum procedure")
    assert texts.reasons.count("•") == 1
    assert texts.alternatives == "Social Services Office, Migration Advice for Adults (MBE)"
    assert texts.offices == "Housing Office"


def test_an_eligible_result_gives_every_reason(book: RuleBook, catalogue: CatalogueData) -> None:
    facts = {"age": 30, "residence_status": "residence_permit_family", "german_level": "a1",
             "months_in_germany": 4}
    [result] = check_results(book, catalogue, ["integration-course"], facts)
    assert result["outcome"] == "eligible"
    assert result_texts(result, book).reasons.count("•") == len(result["trace"])


def test_lists_use_the_arabic_comma_in_right_to_left_languages(
    book: RuleBook, catalogue: CatalogueData, translator: Callable[[str], ContentTranslator]
) -> None:
    translate = translator("ar")
    [result] = check_results(book, catalogue, ["housing-benefit"],
                             {"residence_status": "asylum_seeker"}, "ar", translate)
    assert "، " in result_texts(result, book, "ar", translate).alternatives


def _catalogue_of(book: RuleBook) -> CatalogueData:
    from bot.catalogue import load_catalogue_files
    from tests.eligibility.conftest import CATALOGUE

    return load_catalogue_files(CATALOGUE)
