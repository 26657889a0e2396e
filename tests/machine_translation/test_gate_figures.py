"""The action server shows, per language pair, how many machine translations the quality
gate let through and how many it withheld, for monitoring."""
from __future__ import annotations

import os
from pathlib import Path

import requests

from bot.machine_translation import install
from tests.support.servers import VENV_BIN, await_ready, free_port, start


def test_action_server_exposes_the_quality_gate_figures_per_language_pair(
    sample_database: str, tiny_packages: dict, tmp_path: Path
) -> None:
    packages = tmp_path / "packages"
    install(tiny_packages[("en", "ar")], packages)
    (tmp_path / "no-translations").mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "DATABASE_URL": sample_database,
        "ARGOS_PACKAGES_DIR": str(packages),
        # No curated translations: every Arabic response needs the machine.
        "CITY_ASSISTANT_TRANSLATIONS": str(tmp_path / "no-translations"),
    }
    environment.pop("REDIS_URL", None)
    process = start(
        "actions-gate",
        [str(VENV_BIN / "python"), "-m", "rasa_addons.action_server", "--port", str(port)],
        environment,
        tmp_path,
    )
    try:
        await_ready([process], [f"{url}/health"])
        assert requests.get(f"{url}/machine-translation/figures", timeout=10).json() == {
            "pairs": []
        }
        body = {
            "response": "utter_greet",
            "arguments": {},
            "tracker": {"slots": {"language": "ar"}},
            "channel": {"name": "rest"},
        }
        reply = requests.post(f"{url}/nlg", json=body, timeout=60).json()
        figures = requests.get(f"{url}/machine-translation/figures", timeout=10).json()
    finally:
        process.stop()
    [row] = figures["pairs"]
    assert (row["source"], row["target"]) == ("en", "ar")
    assert row["shown"] + row["withheld"] >= 1
    assert row["withheld"] == sum(row["reasons"].values())
    # Random weights: whatever the gate decided, the reply says which it is.
    if reply["custom"]["translation"] == "source":
        assert row["withheld"] >= 1 and reply["custom"]["language"] == "en"
    else:
        assert reply["custom"]["translation"] == "machine" and row["shown"] >= 1


