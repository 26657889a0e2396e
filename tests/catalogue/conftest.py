"""Catalogue fixtures: a private copy of the sample folder, and real databases to load it into.

PostgreSQL: one throwaway database for the session (tests/support/postgres.py); each test
starts from an empty schema in it.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData
from sqlalchemy.engine import Engine

from bot.db import make_engine
from bot.paths import PROJECT_ROOT
from tests.support.postgres import BACKENDS, throwaway_database

SAMPLE = PROJECT_ROOT / "services_catalogue"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A copy of the sample catalogue that a test may edit."""
    folder = tmp_path / "services_catalogue"
    shutil.copytree(SAMPLE, folder)
    return folder


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The URL of a throwaway PostgreSQL database, created for this session and dropped after."""
    with throwaway_database("test_catalogue") as url:
        yield url


def _empty(engine: Engine) -> None:
    tables = MetaData()
    tables.reflect(engine)
    tables.drop_all(engine)


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'catalogue.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture
def postgresql_engine(postgres_database: str) -> Iterator[Engine]:
    engine = make_engine(postgres_database)
    _empty(engine)
    yield engine
    _empty(engine)
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Engine:
    """An empty database on each backend the product supports."""
    return request.getfixturevalue(f"{request.param}_engine")
