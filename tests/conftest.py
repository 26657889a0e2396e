"""Fixtures that start real components: a trained model, the servers, Redis, PostgreSQL."""
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT
from tests.support.servers import TEST_RATE_LIMITS, Assistant, start_assistant


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model trained from this checkout's data (scripts/train.sh trains only if needed)."""
    configured = os.environ.get("CITY_ASSISTANT_MODEL")
    if configured:
        return Path(configured)
    relative = subprocess.run(
        [str(PROJECT_ROOT / "scripts" / "train.sh")],
        cwd=PROJECT_ROOT, check=True, capture_output=True, text=True,
    ).stdout.strip()
    return PROJECT_ROOT / relative


@pytest.fixture(scope="session")
def sample_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database with the sample catalogue loaded, as a city would run it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'catalogue.sqlite3'}"
    subprocess.run(
        [str(PROJECT_ROOT / ".venv" / "bin" / "python"), "-m", "bot.catalogue", "load",
         "services_catalogue"],
        cwd=PROJECT_ROOT, check=True, env={**os.environ, "DATABASE_URL": url},
    )
    return url


@pytest.fixture(scope="session")
def assistant(
    trained_model: Path, sample_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Assistant]:
    """The product on embedded defaults: in-memory conversations, SQLite, sample catalogue."""
    env = {"DATABASE_URL": sample_database, "REDIS_URL": "", **TEST_RATE_LIMITS}
    running = start_assistant(trained_model, tmp_path_factory.mktemp("assistant"), env)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A real Redis server (scripts/test-services.sh provides one where none runs)."""
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def sender() -> str:
    """A fresh conversation id, so tests never share a conversation."""
    return f"test-{uuid.uuid4().hex[:12]}"
