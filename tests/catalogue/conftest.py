"""Catalogue fixtures: a private copy of the sample folder, and real databases to load it into.

PostgreSQL: TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres) is used
to create one throwaway database for the session, dropped at the end; each test starts from
an empty schema in it.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.engine import Engine, make_url

from bot.db import make_engine
from bot.paths import PROJECT_ROOT

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
    server = make_url(os.environ.get("TEST_POSTGRES_URL",
                                     "postgresql://postgres@127.0.0.1:5432/postgres"))
    name = f"test_catalogue_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    """An empty database on each backend the product supports."""
    return request.getfixturevalue(f"{request.param}_engine")
