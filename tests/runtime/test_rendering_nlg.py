"""Responses rendered inside the Rasa server read exactly as the action server renders them,
and a response without a curated translation is still rendered by the action server."""
import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.paths import domain_dir
from bot.responses import shared_arguments
from rasa_addons.nlg import RenderingNLG
from tests.support.servers import VENV_BIN, await_ready, free_port, start

CASES = [
    ("utter_greet", "uk"),
    ("utter_greet", "ar"),
    ("utter_greet", "ti"),
    ("utter_default", "fa"),
    ("utter_goodbye", "de"),
    ("utter_technical_problem", "so"),
]


@pytest.fixture(scope="module")
def action_server(sample_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = start(
        "actions-nlg",
        [str(VENV_BIN / "python"), "-m", "rasa_addons.action_server", "--port", str(port)],
        {**os.environ, "DATABASE_URL": sample_database},
        tmp_path_factory.mktemp("actions-nlg"),
    )
    await_ready([process], [f"{url}/health"])
    yield url
    process.stop()


@pytest.fixture
def same_catalogue(sample_database: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-process renderer reads the city's name from the action server's catalogue."""
    monkeypatch.setenv("DATABASE_URL", sample_database)
    shared_arguments._engine.cache_clear()
    shared_arguments._cached.cache_clear()


def _tracker(language: str) -> DialogueStateTracker:
    domain = Domain.load(str(domain_dir()))
    return DialogueStateTracker.from_events(
        "nlg-test", [SlotSet("language", language)], domain.slots
    )


def _generate(nlg: RenderingNLG, response: str, language: str) -> dict[str, Any]:
    return asyncio.run(nlg.generate(response, _tracker(language), "rest"))


def _from_action_server(url: str, response: str, language: str) -> dict[str, Any]:
    body = {
        "response": response,
        "arguments": {},
        "tracker": _tracker(language).current_state(),
        "channel": {"name": "rest"},
    }
    return requests.post(f"{url}/nlg", json=body, timeout=30).json()


@pytest.mark.parametrize(("response", "language"), CASES)
def test_a_response_reads_the_same_from_the_rasa_server_as_from_the_action_server(
    action_server: str, same_catalogue: None, response: str, language: str
) -> None:
    nlg = RenderingNLG(EndpointConfig(f"{action_server}/nlg"))
    rendered = _generate(nlg, response, language)
    assert rendered == _from_action_server(action_server, response, language)
    assert rendered["custom"]["language"] == language
    assert rendered["custom"]["translation"] == "curated"


def test_a_response_without_curated_translation_is_rendered_by_the_action_server(
    action_server: str, same_catalogue: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITY_ASSISTANT_TRANSLATIONS", str(tmp_path))
    nlg = RenderingNLG(EndpointConfig(f"{action_server}/nlg"))
    rendered = _generate(nlg, "utter_greet", "uk")
    # This renderer has no translations at all; the action server has the curated one.
    assert rendered["custom"] == {"language": "uk", "translation": "curated", "direction": "ltr",
                                  "answered": True}
    assert rendered == _from_action_server(action_server, "utter_greet", "uk")


def test_an_unknown_response_renders_nothing(action_server: str, same_catalogue: None) -> None:
    nlg = RenderingNLG(EndpointConfig(f"{action_server}/nlg"))
    assert _generate(nlg, "utter_no_such_response", "en") is None
