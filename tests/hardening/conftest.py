"""One product for the end-to-end hardening tests: Redis-backed conversations and limits,
its own SQLite database and log files, and the default per-address limit (the clients are
told apart by X-Forwarded-For from loopback, a trusted proxy)."""
from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT
from tests.support.servers import VENV_BIN, Assistant, start_assistant


@dataclass
class Hardened:
    assistant: Assistant
    database_path: Path
    log_dir: Path
    redis_url: str

    @property
    def rasa_url(self) -> str:
        return self.assistant.rasa_urls[0]


@pytest.fixture(scope="package")
def hardened(trained_model: Path, redis_url: str,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hardened]:
    work_dir = tmp_path_factory.mktemp("hardened")
    database_path = work_dir / "city.sqlite3"
    url = f"sqlite:///{database_path}"
    subprocess.run([str(VENV_BIN / "python"), "-m", "bot.catalogue", "load", "services_catalogue"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True,
                   env={**os.environ, "DATABASE_URL": url})
    env = {
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        "CONVERSATION_EXPIRY_SECONDS": "600",
        "CHAT_RATE_PER_SENDER": "60",
        "CHAT_RATE_PER_ADDRESS": "300",
        "TRUSTED_PROXIES": "127.0.0.1,::1",
    }
    running = start_assistant(trained_model, work_dir, env)
    yield Hardened(running, database_path, work_dir, redis_url)
    running.stop()


@pytest.fixture
def address() -> str:
    """A client address of its own (TEST-NET-3), so tests never share a rate limit."""
    number = uuid.uuid4().int
    return f"203.0.{number % 250 + 1}.{number // 250 % 250 + 1}"
