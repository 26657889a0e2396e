"""Throwaway PostgreSQL databases, so tests run on the real server without touching its data.

TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres) names the server;
scripts/test-services.sh provides one where none runs. Each database is created empty and
dropped afterwards, even while connections to it are still open.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

__all__ = ["BACKENDS", "DEFAULT_SERVER", "throwaway_database"]

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"

#: Parameters for a fixture that runs its tests on each backend the product supports.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def throwaway_database(prefix: str) -> Iterator[str]:
    """The URL of a new, empty database named `prefix` plus a random suffix; dropped on exit."""
    server = make_url(os.environ.get("TEST_POSTGRES_URL", DEFAULT_SERVER))
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
