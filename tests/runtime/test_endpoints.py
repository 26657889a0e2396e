"""A second instance points Rasa at its own action server, keeping the rest of endpoints.yml."""
from pathlib import Path

import yaml

from bot.runtime.endpoints import with_actions_url


def test_action_and_nlg_urls_move_together_and_stores_stay() -> None:
    endpoints = yaml.safe_load(Path("endpoints.yml").read_text())
    moved = with_actions_url(endpoints, "http://127.0.0.1:6055/")
    assert moved["action_endpoint"]["url"] == "http://127.0.0.1:6055/webhook"
    assert moved["nlg"]["url"] == "http://127.0.0.1:6055/nlg"
    assert moved["tracker_store"] == endpoints["tracker_store"]
    assert moved["lock_store"] == endpoints["lock_store"]
