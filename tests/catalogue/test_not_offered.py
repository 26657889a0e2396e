"""Near topics the catalogue does not offer (services_catalogue/not_offered.yml): checked by
the validator, learnt by the service ranker as "about no service", never by the NLU."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalogue import CatalogueError, load_catalogue_files
from bot.catalogue.not_offered import NOT_OFFERED, not_offered_messages
from bot.catalogue.ranker import background_examples
from bot.catalogue.search import intent_examples
from bot.paths import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "services_catalogue"


def test_the_sample_lists_near_topics_in_every_language() -> None:
    languages = load_catalogue_files(SAMPLE).city.languages
    text = (SAMPLE / NOT_OFFERED).read_text(encoding="utf-8")

    assert all(f"\n{language}:" in text for language in languages)


def test_the_ranker_learns_them_as_about_no_service() -> None:
    messages = not_offered_messages(SAMPLE)

    assert len(messages) >= 14 * 10
    assert set(messages) <= set(background_examples(SAMPLE))


def test_they_are_not_nlu_examples() -> None:
    """As out-of-scope NLU examples they made DIET call "how can I find a job?" out of scope."""
    nlu = set(intent_examples(PROJECT_ROOT / "data" / "nlu" / "foundation", "out_of_scope"))
    assert not nlu & set(not_offered_messages(SAMPLE))


def test_a_language_the_city_does_not_have_is_named(catalogue: Path) -> None:
    path = catalogue / NOT_OFFERED
    path.write_text(path.read_text(encoding="utf-8") + "xx:\n  - something\n", encoding="utf-8")

    with pytest.raises(CatalogueError) as raised:
        load_catalogue_files(catalogue)
    assert any(NOT_OFFERED in str(problem) and "'xx'" in str(problem)
               for problem in raised.value.problems)


def test_a_catalogue_without_the_file_is_valid(catalogue: Path) -> None:
    (catalogue / NOT_OFFERED).unlink()

    load_catalogue_files(catalogue)
    assert not_offered_messages(catalogue) == []
