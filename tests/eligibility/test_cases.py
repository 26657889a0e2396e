"""The YAML cases in cases/*.yml: each profile gets the expected outcome per service.

A case file holds `cases:`, each with a `name`, the `facts` (left out means unknown), the
`expect`ed outcome per service id and, for unknown outcomes, the `missing_facts` in order.
"""
from __future__ import annotations

import pytest

from bot.eligibility import NOT_ELIGIBLE, RuleBook, evaluate
from tests.eligibility.conftest import Case, read_cases

CASES = read_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case_profile_gets_the_expected_outcome_per_service(case: Case, book: RuleBook) -> None:
    for service, expected in case.expect.items():
        result = evaluate(book.services[service], case.facts)
        trace = [(step.condition.id, step.holds) for step in result.trace]
        assert result.outcome == expected, f"{service}: {result.outcome}, trace {trace}"
        if service in case.missing_facts:
            assert list(result.missing_facts) == case.missing_facts[service]


def test_cases_exercise_every_service_as_eligible_and_as_not_eligible(book: RuleBook) -> None:
    outcomes: dict[str, set[str]] = {service: set() for service in book.services}
    for case in CASES:
        for service, expected in case.expect.items():
            outcomes[service].add(expected)
    lacking = {service: sorted({"eligible", "not_eligible"} - seen)
               for service, seen in outcomes.items() if not {"eligible", "not_eligible"} <= seen}
    assert lacking == {}


def test_cases_make_every_condition_fail_at_least_once(book: RuleBook) -> None:
    failed = set()
    for case in CASES:
        for service in case.expect:
            result = evaluate(book.services[service], case.facts)
            failed |= {(service, step.condition.id) for step in result.trace if step.holds is False}
    never = [f"{rules.service}.{condition.id}" for rules in book.services.values()
             for condition in rules.conditions if (rules.service, condition.id) not in failed]
    assert never == []


def test_cases_cover_every_sample_city_service(book: RuleBook) -> None:
    assert book.uncovered == ()
    assert {service for case in CASES for service in case.expect} == set(book.services)


def test_not_eligible_always_names_what_to_do_instead_and_who_decides(book: RuleBook) -> None:
    for case in CASES:
        for rules in book.services.values():
            result = evaluate(rules, case.facts)
            if result.outcome == NOT_ELIGIBLE:
                assert result.alternatives, f"{case.id}: {rules.service}"
            assert result.decided_by, rules.service
