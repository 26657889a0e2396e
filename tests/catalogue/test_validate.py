"""The YAML validator: the sample is complete, and every mistake is named by file:line and field."""
from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.catalogue import OFFICE_KINDS, CatalogueError, load_catalogue_files
from bot.paths import PROJECT_ROOT
from tests.catalogue.editing import edit

LANGUAGES = "en de ar uk ru tr fa ps so ti fr es pl ro".split()
CATEGORIES = ["housing", "education", "health", "language_tuition", "employment"]


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue_files(folder)
    return [str(problem) for problem in raised.value.problems]


def test_sample_catalogue_is_valid_and_complete() -> None:
    data = load_catalogue_files(PROJECT_ROOT / "services_catalogue")

    assert data.warnings == ()
    assert data.city.fictional and data.city.city_language == "de"
    assert list(data.city.languages) == LANGUAGES
    assert [category.id for category in data.categories] == CATEGORIES
    per_category = Counter(service.category for service in data.services)
    assert all(per_category[category] >= 6 for category in CATEGORIES), per_category
    assert {office.kind for office in data.offices} == set(OFFICE_KINDS)
    assert data.office(data.city.contact_office).kind == "advice"


def test_sample_services_have_keywords_in_all_14_languages_with_transliterations() -> None:
    data = load_catalogue_files(PROJECT_ROOT / "services_catalogue")

    for service in data.services:
        assert all(service.keywords_in(language) for language in LANGUAGES), service.id
    course = data.service("integration-course")
    assert "kurs almani" in course.keywords_in("ar")
    assert any(k.transliteration for k in course.keywords if k.language == "ar")
    assert not any(k.transliteration for k in course.keywords if k.language in {"en", "tr"})


def test_validate_names_file_line_and_field_of_an_unknown_category(catalogue: Path) -> None:
    wbs = "category: housing\n    title:\n      en: Housing"
    line = edit(catalogue, "services/housing.yml", wbs, wbs.replace("housing", "hosing", 1))

    assert problems_of(catalogue) == [
        f"{catalogue / 'services/housing.yml'}:{line}: services[1].category: 'hosing' is not "
        "one of housing, education, health, language_tuition, employment"
    ]


def test_validate_reports_yaml_syntax_errors_with_their_line(catalogue: Path) -> None:
    line = edit(catalogue, "services/health.yml", "    fees: Free.\n", "    fees: [Free.\n")

    [problem] = problems_of(catalogue)
    assert problem.startswith(f"{catalogue / 'services/health.yml'}:")
    assert "not valid YAML" in problem
    reported = int(problem.split(":")[1])
    assert line <= reported <= line + 3


def test_validate_reports_a_missing_required_field(catalogue: Path) -> None:
    line = edit(catalogue, "offices.yml", "    step_free_access: false\n", "")

    [problem] = problems_of(catalogue)
    assert problem.endswith("offices[1].step_free_access: required field is missing")
    reported = int(problem.split(":")[1])
    assert reported < line


def test_validate_reports_an_unknown_office_reference(catalogue: Path) -> None:
    line = edit(catalogue, "services/employment.yml", "offices: [job-centre]",
                "offices: [job-center]")

    assert problems_of(catalogue) == [
        f"{catalogue / 'services/employment.yml'}:{line}: services[5].offices[0]: "
        "no office with id 'job-center' in offices.yml"
    ]


def test_validate_reports_a_duplicate_id_across_files(catalogue: Path) -> None:
    line = edit(catalogue, "services/language_tuition.yml", "- id: german-placement-test",
                "- id: address-registration")

    [problem] = problems_of(catalogue)
    assert problem.startswith(f"{catalogue / 'services/language_tuition.yml'}:{line}: "
                              "services[3].id: "
                              "duplicate id 'address-registration' (first defined at ")
    assert "housing.yml:" in problem


def test_validate_reports_misspelt_fields_and_wrong_values_all_at_once(catalogue: Path) -> None:
    edit(catalogue, "offices.yml", "    district: Mitte\n", "    distrikt: Mitte\n")
    edit(catalogue, "offices.yml", 'from: "09:00", to: "13:00"', 'from: "13:00", to: "09:00"')
    edit(catalogue, "services/education.yml", "last_reviewed: 2025-03-01",
         "last_reviewed: soon")
    edit(catalogue, "city.yml", "timezone: Europe/Berlin", "timezone: Europe/Lindenbruck")

    problems = "\n".join(problems_of(catalogue))
    assert "offices[0].distrikt: unknown field (expected one of" in problems
    assert "offices[0].opening_hours[1].to: closes at 09:00, before it opens at 13:00" in problems
    assert "services[0].last_reviewed: 'soon' is not a date (YYYY-MM-DD)" in problems
    assert "timezone: 'Europe/Lindenbruck' is not a time zone" in problems


def test_validate_reports_a_misspelt_address_field_instead_of_failing(catalogue: Path) -> None:
    edit(catalogue, "offices.yml", "city: Lindenbruck}", "town: Lindenbruck}")

    problems = "\n".join(problems_of(catalogue))
    assert "offices[0].address.town: unknown field (expected one of city, postcode," in problems
    assert "offices[0].address.city: required field is missing" in problems


def test_validate_accepts_unquoted_times_that_yaml_would_read_as_numbers(catalogue: Path) -> None:
    edit(catalogue, "offices.yml", 'from: "16:00"\n        to: "19:00"',
         "from: 16:00\n        to: 19:00")

    office = load_catalogue_files(catalogue).office("welcome-centre")

    assert [(h.opens.hour, h.closes.hour) for h in office.opening_hours if h.note] == [(16, 19)]


def test_validate_command_exits_with_an_error_and_the_problem(catalogue: Path) -> None:
    edit(catalogue, "city.yml", "contact_office: welcome-centre", "contact_office: nowhere")

    result = subprocess.run(
        [sys.executable, "-m", "bot.catalogue", "validate", str(catalogue)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env={**os.environ},
    )

    assert result.returncode == 1
    assert "city.yml:" in result.stderr
    assert "contact_office: no office with id 'nowhere' in offices.yml" in result.stderr
