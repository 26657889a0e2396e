"""LOG_FORMAT=json makes a server log one JSON object a line; the default stays text."""
import json
import os
import subprocess
import sys

from bot.paths import PROJECT_ROOT

SNIPPET = (
    "import logging; from bot.runtime.logs import configure; configure(); "
    "logging.getLogger('city').warning('outbox %s not sent', 'LB-1')"
)


def run_with(log_format: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", SNIPPET], cwd=PROJECT_ROOT, capture_output=True, text=True,
        env={**os.environ, "LOG_FORMAT": log_format}, check=True,
    ).stderr.strip()


def test_json_logs_are_one_object_a_line_with_level_logger_and_message() -> None:
    entry = json.loads(run_with("json"))
    assert entry["level"] == "WARNING" and entry["logger"] == "city"
    assert entry["message"] == "outbox LB-1 not sent"
    assert entry["time"].endswith("+00:00")


def test_text_logs_by_default() -> None:
    line = run_with("text")
    assert "WARNING" in line and "outbox LB-1 not sent" in line
    assert not line.startswith("{")
