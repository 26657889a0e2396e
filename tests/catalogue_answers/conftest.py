"""Fixtures for answering from the catalogue: the sample catalogue read from its YAML, its
search index, and real databases for the unanswered-questions log.

PostgreSQL: one throwaway database for the session (tests/support/postgres.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

import actions.catalogue as catalogue_action
import actions.database
from bot.catalogue import CatalogueData, load_catalogue_files, load_into_database
from bot.catalogue.answers import Catalogue
from bot.catalogue.migrate import upgrade
from bot.catalogue.ranker import ServiceRanker, background_examples
from bot.catalogue.search import (
    SearchIndex,
    example_questions,
    service_index,
    service_titles,
)
from bot.db import make_engine
from bot.paths import PROJECT_ROOT, translations_dir
from bot.semantics import default_embedder
from bot.translation.po_catalogs import PoCatalogs
from tests.support.postgres import throwaway_database

SAMPLE = PROJECT_ROOT / "services_catalogue"
EXAMPLES = PROJECT_ROOT / "data" / "nlu" / "catalogue"


@pytest.fixture(scope="session")
def sample() -> CatalogueData:
    return load_catalogue_files(SAMPLE)


@pytest.fixture(scope="session")
def catalogs() -> PoCatalogs:
    """The project's curated translations, as the assistant reads them."""
    return PoCatalogs(translations_dir())


@pytest.fixture(scope="session")
def index(sample: CatalogueData, catalogs: PoCatalogs) -> SearchIndex:
    return service_index(list(sample.services), catalogs, sample.city.languages,
                         example_questions(EXAMPLES))


@pytest.fixture(scope="session")
def catalogue(sample: CatalogueData, index: SearchIndex) -> Catalogue:
    return Catalogue(
        services={service.id: service for service in sample.services},
        offices={office.id: office for office in sample.offices},
        index=index,
        timezone=sample.city.timezone,
        city_language=sample.city.city_language,
    )


@pytest.fixture(scope="session")
def ranked_catalogue(
    sample: CatalogueData, catalogue: Catalogue, catalogs: PoCatalogs
) -> Catalogue:
    """The sample catalogue with its service ranker (real e5 embeddings), as the action
    server reads it."""
    titles = service_titles(sample.services, catalogs, sample.city.languages)
    ranker = ServiceRanker(sample.services, titles, background_examples(), default_embedder())
    return Catalogue(catalogue.services, catalogue.offices, catalogue.index,
                     catalogue.timezone, catalogue.city_language, ranker)


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'assistant.sqlite3'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL database for this session, dropped after."""
    with throwaway_database("test_answers") as url:
        yield url


@pytest.fixture
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    upgrade(engine)
    yield engine
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM catalogue_unanswered"))
    engine.dispose()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The sample catalogue in a database of its own, read by the catalogue action."""
    url = f"sqlite:///{tmp_path / 'assistant.sqlite3'}"
    engine = make_engine(url)
    load_into_database(SAMPLE, engine)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    for cached in (actions.database.engine, catalogue_action._catalogue):
        cached.cache_clear()
    yield url
    actions.database.engine().dispose()
    for cached in (actions.database.engine, catalogue_action._catalogue):
        cached.cache_clear()
