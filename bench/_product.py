"""Our product, started for a benchmark the way the end-to-end tests start it.

The trained model comes from $CITY_ASSISTANT_MODEL or scripts/train.sh (which trains only
when the bot changed); the catalogue is the sample city, loaded into a fresh SQLite file.
"""
import os
import subprocess
from pathlib import Path

from bot.paths import PROJECT_ROOT
from tests.support.servers import VENV_BIN, Assistant, start_assistant

# Benchmarks send from one address and many conversations fast: no rate limit should bite.
UNLIMITED = {"CHAT_RATE_PER_ADDRESS": "1000000000", "CHAT_RATE_PER_SENDER": "1000000000"}


def trained_model() -> Path:
    configured = os.environ.get("CITY_ASSISTANT_MODEL")
    if configured:
        return Path(configured)
    relative = subprocess.run(
        [str(PROJECT_ROOT / "scripts" / "train.sh")],
        cwd=PROJECT_ROOT, check=True, capture_output=True, text=True,
    ).stdout.strip()
    return PROJECT_ROOT / relative


def sample_database(directory: Path) -> str:
    url = f"sqlite:///{directory / 'catalogue.sqlite3'}"
    subprocess.run(
        [str(VENV_BIN / "python"), "-m", "bot.catalogue", "load", "services_catalogue"],
        cwd=PROJECT_ROOT, check=True, env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
    )
    return url


def start_ours(
    work_dir: Path, redis_url: str, rasa_servers: int = 1, extra_env: dict[str, str] | None = None
) -> Assistant:
    env = {
        "DATABASE_URL": sample_database(work_dir),
        "REDIS_URL": redis_url,
        "CONVERSATION_EXPIRY_SECONDS": "3600",
        "RASA_TELEMETRY_ENABLED": "false",
        **UNLIMITED,
        **(extra_env or {}),
    }
    return start_assistant(trained_model(), work_dir, env, rasa_servers=rasa_servers)
