"""The evaluator: outcomes with a trace, unknown facts, and the questions a form still asks."""
from __future__ import annotations

import pytest

from bot.eligibility import (
    ProfileError,
    RuleBook,
    check_profile,
    evaluate,
    evaluate_all,
    parse_answer,
    questions_needed,
)


def test_evaluate_trace_lists_each_condition_with_the_facts_it_read(book: RuleBook) -> None:
    facts = {"residence_status": "recognised_refugee", "benefits": "none",
             "pays_for_housing": True, "household_size": 2,
             "monthly_net_income_band": "from_2501_to_3000"}
    result = evaluate(book.services["housing-benefit"], facts)
    assert result.outcome == "not_eligible"
    step = {step.condition.id: step for step in result.trace}["income-low"]
    assert step.holds is False
    assert dict(step.facts) == {"monthly_net_income_band": "from_2501_to_3000", "household_size": 2}
    assert step.reason == step.condition.fails_text
    assert [step.condition.id for step in result.trace] == [
        "lawful-residence", "no-other-benefit-pays-rent", "pays-for-housing", "income-low",
        "income-not-too-low"]
    assert ("service", "renting-a-flat-advice") in {(a.kind, a.id) for a in result.alternatives}
    assert result.decided_by == ("housing-office",)


def test_evaluate_unknown_lists_the_facts_that_would_decide_it(book: RuleBook) -> None:
    result = evaluate(book.services["kita-place-and-voucher"], {"lives_in_city": True})
    assert result.outcome == "unknown"
    assert result.missing_facts == ("registered_in_city", "has_children_under_6",
                                    "youngest_child_age")
    unknown = [step for step in result.trace if step.holds is None]
    assert all(step.reason is None and step.missing_facts for step in unknown)
    assert result.alternatives == ()


def test_evaluate_or_holds_when_one_side_is_known_true(book: RuleBook) -> None:
    result = evaluate(book.services["school-registration-new-arrivals"],
                      {"lives_in_city": True, "age": 10})
    assert result.outcome == "eligible"
    assert result.missing_facts == ()


def test_evaluate_treats_null_as_unknown(book: RuleBook) -> None:
    result = evaluate(book.services["emergency-accommodation"], {"has_place_to_sleep": None})
    assert result.outcome == "unknown"
    assert result.missing_facts == ("has_place_to_sleep",)


def test_evaluate_all_gives_one_result_per_service_in_order(book: RuleBook) -> None:
    results = evaluate_all(book.services, {"lives_in_city": True})
    assert [result.service for result in results] == list(book.services)


def test_questions_needed_asks_only_for_the_services_asked_about(book: RuleBook) -> None:
    assert questions_needed(book.services, ["emergency-accommodation"], {}) == [
        "has_place_to_sleep"]
    assert questions_needed(book.services, ["housing-benefit"], {}) == [
        "residence_status", "household_size", "pays_for_housing", "monthly_net_income_band",
        "benefits"]


def test_questions_needed_stops_once_an_answer_settles_the_outcome(book: RuleBook) -> None:
    known = {"residence_status": "tolerated"}
    assert questions_needed(book.services, ["housing-benefit"], known) == []


def test_questions_needed_never_repeats_a_skipped_question(book: RuleBook) -> None:
    asked = questions_needed(book.services, ["integration-course", "youth-integration-course"],
                             {"age": 30}, skipped={"german_level"})
    assert asked == ["residence_status", "months_in_germany"]
    assert questions_needed(book.services, ["youth-integration-course"], {"age": 30}) == []


def test_questions_needed_follow_the_vocabulary_order(book: RuleBook) -> None:
    asked = questions_needed(book.services, list(book.services), {})
    positions = [book.facts[name].position for name in asked]
    assert positions == sorted(positions)
    assert len(asked) == len(set(asked))


def test_check_profile_drops_nulls_and_keeps_known_values(book: RuleBook) -> None:
    assert check_profile(book.facts, {"age": 30, "employed": None}) == {"age": 30}


@pytest.mark.parametrize("profile, message", [
    ({"favourite_colour": "blue"}, "'favourite_colour' is not a known fact"),
    ({"age": "thirty"}, "age: expected a whole number"),
    ({"age": True}, "age: expected a whole number"),
    ({"age": 130}, "age: 130 is above the maximum 120"),
    ({"employed": "yes"}, "employed: expected true or false"),
    ({"residence_status": "refugee"}, "residence_status: 'refugee' is not one of"),
    ({"monthly_net_income_band": 1200}, "monthly_net_income_band: 1200 is not one of"),
])
def test_check_profile_rejects_unknown_facts_and_wrong_values(book, profile, message) -> None:
    with pytest.raises(ProfileError) as raised:
        check_profile(book.facts, profile)
    assert message in str(raised.value)


@pytest.mark.parametrize("fact, answer, value", [
    ("age", " 34 ", 34),
    ("age", "٣٤", 34),
    ("age", "۳۴", 34),
    ("employed", "true", True),
    ("employed", "False", False),
    ("residence_status", "tolerated", "tolerated"),
])
def test_parse_answer_reads_chat_payloads_and_typed_numbers(book, fact, answer, value) -> None:
    assert parse_answer(book.facts[fact], answer) == value


def test_parse_answer_rejects_what_the_fact_cannot_take(book: RuleBook) -> None:
    with pytest.raises(ProfileError, match="age: expected a whole number"):
        parse_answer(book.facts["age"], "thirty")
