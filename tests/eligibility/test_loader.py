"""Malformed rules are rejected at load, each problem with file:line and what is wrong."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from bot.catalogue import CatalogueData
from bot.eligibility import RulesError, load_rules
from tests.eligibility.conftest import RULES

GOOD_CONDITION = """\
      - id: lives-in-city
        when: lives_in_city
        holds: You live here.
        fails: You live elsewhere.
        instead: [{office: welcome-centre}]
"""


def rules_folder(tmp_path: Path, housing: str) -> Path:
    """The sample facts and outcomes with one housing.yml written by the test."""
    folder = tmp_path / "eligibility"
    folder.mkdir()
    for name in ("facts.yml", "outcomes.yml"):
        shutil.copy(RULES / name, folder / name)
    (folder / "housing.yml").write_text(textwrap.dedent(housing), encoding="utf-8")
    return folder


def problems(folder: Path, catalogue: CatalogueData) -> list[str]:
    with pytest.raises(RulesError) as raised:
        load_rules(folder, catalogue)
    return [str(problem) for problem in raised.value.problems]


def housing_with(condition: str) -> str:
    return (
        "simplified: true\n"
        "services:\n"
        "  - service: renting-a-flat-advice\n"
        "    basis: test\n"
        "    conditions:\n" + condition
    )


def only_problem(folder: Path, catalogue: CatalogueData) -> str:
    found = problems(folder, catalogue)
    assert len(found) == 1, found
    return found[0]


def test_loader_names_file_and_line_of_an_unknown_fact(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION.replace(
        "when: lives_in_city", "when: lives_in_town")))
    problem = only_problem(folder, catalogue)
    assert problem.startswith(f"{folder / 'housing.yml'}:7: services[0].conditions[0].when: ")
    assert "unknown fact 'lives_in_town'" in problem
    assert "did you mean 'lives_in_city'" in problem


def test_loader_reports_rule_engine_message_for_unparsable_condition(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION.replace(
        "when: lives_in_city", "when: age >= and lives_in_city")))
    problem = only_problem(folder, catalogue)
    assert ":7: services[0].conditions[0].when: rule-engine cannot parse it: syntax error" \
        in problem


def test_loader_rejects_a_value_the_fact_cannot_take(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION.replace(
        "when: lives_in_city", "when: residence_status in ['refugee', 'eu_citizen']")))
    problem = only_problem(folder, catalogue)
    assert ":7: " in problem
    assert "'refugee' is not an allowed value of residence_status" in problem


def test_loader_rejects_income_compared_off_the_band_limits(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION.replace(
        "when: lives_in_city", "when: monthly_net_income_band <= 1750")))
    assert "compared by its band's upper limit" in only_problem(folder, catalogue)


def test_loader_rejects_a_condition_that_is_not_true_or_false(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION.replace(
        "when: lives_in_city", "when: age + 1")))
    assert "must be true or false" in only_problem(folder, catalogue)


def test_loader_names_an_unknown_service_id(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION).replace(
        "renting-a-flat-advice", "renting-advice"))
    problem = only_problem(folder, catalogue)
    assert problem == (f"{folder / 'housing.yml'}:3: services[0].service: "
                       "'renting-advice' is not a service in the catalogue")


def test_loader_names_unknown_alternative_office_and_service(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION.replace(
        "[{office: welcome-centre}]", "[{office: welcome-center}, {service: flat-help}]")))
    found = problems(folder, catalogue)
    assert found == [
        f"{folder / 'housing.yml'}:10: services[0].conditions[0].instead[0].office: "
        "'welcome-center' is not an office in the catalogue",
        f"{folder / 'housing.yml'}:10: services[0].conditions[0].instead[1].service: "
        "'flat-help' is not a service in the catalogue",
    ]


def test_loader_refuses_a_bare_not_eligible_without_alternatives(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION.replace(
        "        instead: [{office: welcome-centre}]\n", "")))
    problem = only_problem(folder, catalogue)
    assert ":6: services[0].conditions[0].instead: say what the person can do instead" in problem


def test_loader_rejects_rules_filed_under_the_wrong_category(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION).replace(
        "renting-a-flat-advice", "vaccinations"))
    assert "belong in health.yml" in only_problem(folder, catalogue)


def test_loader_reports_yaml_syntax_errors_with_line(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION) + "  - service: [unclosed\n")
    problem = only_problem(folder, catalogue)
    assert problem.startswith(f"{folder / 'housing.yml'}:")
    assert "not valid YAML" in problem


def test_loader_reports_every_problem_at_once(tmp_path, catalogue) -> None:
    broken = GOOD_CONDITION.replace("when: lives_in_city", "when: lives_in_town").replace(
        "holds: You live here.", "holdz: You live here.")
    found = problems(rules_folder(tmp_path, housing_with(broken)), catalogue)
    assert any("holdz: unknown field" in problem for problem in found)
    assert any("holds: required field is missing" in problem for problem in found)


def test_loader_accepts_the_sample_city_rules(book) -> None:
    assert len(book.services) >= 30
    assert all(rules.simplified for rules in book.services.values())


def test_loader_checks_the_facts_vocabulary_too(tmp_path, catalogue) -> None:
    folder = rules_folder(tmp_path, housing_with(GOOD_CONDITION))
    facts = folder / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    lines = text.splitlines()
    line = next(index for index, row in enumerate(lines, 1) if "type: integer" in row)
    facts.write_text(text.replace("type: integer", "type: number", 1), encoding="utf-8")
    problem = only_problem(folder, catalogue)
    assert problem.startswith(f"{facts}:{line}: facts[")
    assert "'number' is not one of boolean, integer, choice, band" in problem
