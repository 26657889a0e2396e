"""Issue 13, findings 1 and 8: the only chat channel is the guarded REST channel, every
text is bounded before the model sees it, and oversized bodies are refused before they
are read, by Rasa and by the web server."""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import pytest
import yaml

from bot.inbound import MAX_MESSAGE_CHARACTERS
from bot.paths import PROJECT_ROOT
from tests.hardening.client import declared_length_status, say
from tests.hardening.conftest import Hardened
from tests.hardening.web_server import web_server


def test_credentials_open_only_the_guarded_rest_channel() -> None:
    """The one channel that takes messages; the health channel (for load balancers) takes
    none (rasa_addons/health_channel.py)."""
    channels = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text())
    assert list(channels) == ["rasa_addons.rest_channel.GuardedRestInput",
                              "rasa_addons.health_channel.HealthInput"]


@pytest.mark.e2e
def test_socket_io_is_not_served(hardened: Hardened) -> None:
    answer = httpx2.get(f"{hardened.rasa_url}/socket.io/?EIO=4&transport=polling", timeout=30)
    assert answer.status_code == 404


@pytest.mark.e2e
def test_a_20000_character_message_gets_a_polite_reply_and_delays_nobody(
        hardened: Hardened, address: str) -> None:
    huge = "Ich suche eine Wohnung in Lindenbruck. " * 520  # 20 280 characters
    assert len(huge) > 20_000

    def other_person_says_hello() -> tuple[float, int, str]:
        time.sleep(0.2)
        started = time.monotonic()
        status, replies = say(hardened.rasa_url, "hello-person", "hello", "198.51.100.9")
        return time.monotonic() - started, status, replies[0]["text"]

    with ThreadPoolExecutor(2) as pool:
        hello = pool.submit(other_person_says_hello)
        started = time.monotonic()
        status, replies = say(hardened.rasa_url, "huge-sender", huge, address)
        huge_seconds = time.monotonic() - started
        hello_seconds, hello_status, hello_text = hello.result()

    assert status == 200 and str(MAX_MESSAGE_CHARACTERS) in replies[0]["text"]
    assert replies[1]["custom"]["language"] == "de"
    assert huge_seconds < 2, f"the long message took {huge_seconds:.1f} s"
    assert hello_status == 200 and hello_text.startswith("Hello")
    assert hello_seconds < 5, f"hello waited {hello_seconds:.1f} s"


@pytest.mark.e2e
def test_rasa_refuses_a_100_mb_body_before_reading_it(hardened: Hardened) -> None:
    started = time.monotonic()
    assert declared_length_status(f"{hardened.rasa_url}/webhooks/rest/webhook", 100_000_000) == 413
    assert time.monotonic() - started < 5


def test_the_web_server_refuses_a_100_mb_body_before_reading_it(tmp_path: Path) -> None:
    from tests.hardening.web_server import database

    with database("sqlite", tmp_path) as engine, web_server(engine) as url:
        for path in ("/bot/webhooks/rest/webhook", "/bot/webhooks/rest/forget", "/staff/login"):
            assert declared_length_status(url + path, 100_000_000) == 413, path
