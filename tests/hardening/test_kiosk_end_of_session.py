"""Issue 13, finding 7: the kiosk's "End session" deletes the conversation on the server, in
Redis and in memory, and the relay says so only when it happened."""
from __future__ import annotations

from pathlib import Path

import pytest
import redis

from tests.hardening.client import post, say
from tests.hardening.conftest import Hardened
from tests.hardening.relay import relay_in_front
from tests.hardening.web_server import database, web_server
from tests.support.servers import Assistant

PHONE = "+49 170 5550123"


def _keys(redis_url: str, sender: str) -> list[bytes]:
    return [key for key in redis.Redis.from_url(redis_url).scan_iter(f"*{sender}")
            if b"tracker" in key]


@pytest.mark.e2e
def test_end_session_deletes_the_conversation_from_redis(hardened: Hardened,
                                                         address: str) -> None:
    sender = "kiosk-redis-end"
    with relay_in_front(hardened) as web:
        status, _ = say(f"{web}/bot", sender, f"my phone number is {PHONE}", address)
        assert status == 200
        assert _keys(hardened.redis_url, sender), "the conversation is in Redis"
        status, answer = post(f"{web}/bot/webhooks/rest/forget", {"sender": sender}, address)
    assert (status, answer) == (200, {"forgotten": True})
    assert _keys(hardened.redis_url, sender) == []
    client = redis.Redis.from_url(hardened.redis_url)
    trackers = [client.get(key) or b"" for key in client.scan_iter("*tracker*")
                if client.type(key) == b"string"]
    assert not any(PHONE.encode() in tracker for tracker in trackers)


@pytest.mark.e2e
def test_end_session_deletes_the_conversation_kept_in_memory(assistant: Assistant,
                                                             sender: str) -> None:
    replies = assistant.send(sender, "hello", {"language": "ar"})
    assert replies[-1]["custom"]["language"] == "ar"
    assert assistant.send(sender, "ok")[-1]["custom"]["language"] == "ar", "kept while it lives"
    status, answer = post(f"{assistant.rasa_urls[0]}/webhooks/rest/forget", {"sender": sender})
    assert (status, answer) == (200, {"forgotten": True})
    assert assistant.send(sender, "ok")[-1]["custom"]["language"] == "en", "a new conversation"


def test_the_relay_reports_a_failed_deletion_as_502(tmp_path: Path) -> None:
    with database("sqlite", tmp_path) as engine, web_server(engine) as url:  # Rasa unreachable
        status, answer = post(f"{url}/bot/webhooks/rest/forget", {"sender": "kiosk-1"})
        assert status == 502 and "could not be deleted" in answer["error"]
        status, _ = post(f"{url}/bot/webhooks/rest/forget", {"sender": "a b"})
        assert status == 422
