"""The questions people ask, as catalogue data: required in every language, checked with
file:line, stored with the service, and the source of the question intents' NLU examples."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import Engine

from bot.catalogue import CatalogueError, load_catalogue_files
from bot.catalogue.loader import load_into_database
from bot.catalogue.nlu_examples import nlu_file
from bot.catalogue.questions import MINIMUM
from bot.catalogue.read import get_service
from bot.db import session_scope
from bot.paths import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "services_catalogue"
NLU = PROJECT_ROOT / "data" / "nlu" / "catalogue"


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue_files(folder)
    return [str(problem) for problem in raised.value.problems]


def test_every_service_has_its_questions_in_all_14_languages() -> None:
    data = load_catalogue_files(SAMPLE)

    for service in data.services:
        for language in data.city.languages:
            for kind, least in MINIMUM.items():
                assert len(service.questions_in(language, kind)) >= least, (
                    service.id, language, kind)
            assert len(service.questions_in(language)) >= 15, (service.id, language)


def test_a_language_without_its_questions_file_is_named(catalogue: Path) -> None:
    (catalogue / "questions" / "ti.yml").unlink()

    assert any("questions/ti.yml:1" in problem and "file not found" in problem
               for problem in problems_of(catalogue))


def test_too_few_questions_are_named_with_file_line_and_service(catalogue: Path) -> None:
    path = catalogue / "questions" / "so.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"]["vaccinations"]["where"] = data["questions"]["vaccinations"]["where"][:1]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    problems = problems_of(catalogue)

    assert any("questions/so.yml:" in problem and "questions.vaccinations.where" in problem
               and "at least 2" in problem for problem in problems), problems


def test_questions_about_a_removed_service_are_left_out_with_a_warning(catalogue: Path) -> None:
    path = catalogue / "questions" / "en.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("questions:\n", "questions:\n  fishing-licence:\n"
                                 "    service: [where do I get a fishing licence]\n", 1),
                    encoding="utf-8")

    data = load_catalogue_files(catalogue)

    assert any("fishing-licence" in warning for warning in data.warnings)
    assert all(service.id != "fishing-licence" for service in data.services)


def test_questions_are_stored_with_their_service(engine: Engine) -> None:
    load_into_database(SAMPLE, engine)

    with session_scope(engine) as session:
        stored = get_service(session, "emergency-accommodation")
    written = load_catalogue_files(SAMPLE).service("emergency-accommodation")
    assert stored is not None and written is not None
    assert stored.questions == written.questions
    assert stored.questions_in("ar", "service")


def test_nlu_examples_of_the_question_intents_are_generated_from_the_catalogue() -> None:
    """data/nlu/catalogue is written by `python -m bot.catalogue nlu`, never by hand."""
    data = load_catalogue_files(SAMPLE)

    for language in data.city.languages:
        committed = (NLU / f"{language}.yml").read_text(encoding="utf-8")
        assert committed == nlu_file(data.services, language), (
            f"data/nlu/catalogue/{language}.yml is out of date: run python -m bot.catalogue nlu")


def test_measuring_sets_never_reach_the_training_data() -> None:
    """Held-out paraphrases and real questions measure; they are never learnt from."""
    measured: set[str] = set()
    for path in (PROJECT_ROOT / "tests" / "catalogue_answers" / "heldout").glob("*.yml"):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
        measured |= {item["text"].casefold() for item in items}
    for path in (PROJECT_ROOT / "tests" / "real_questions").glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        items = data.get("questions", []) if isinstance(data, dict) else data
        measured |= {str(item["text"]).casefold() for item in items}
    data = load_catalogue_files(SAMPLE)

    learnt = {question.text.casefold() for service in data.services
              for question in service.questions}
    assert not learnt & measured
