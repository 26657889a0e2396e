"""The web relay takes and refuses exactly what the REST channel does (one request guard,
bot/inbound.py): the same status and reason, the same polite replies, nothing counted."""
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from bot.inbound import MAX_MESSAGE_CHARACTERS, Rejected, check_request, check_sender
from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.responses.message import response_arguments
from bot.translation import PoCatalogs
from bot.web.usage import figures
from tests.hardening.client import post
from tests.hardening.web_server import database, web_server

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
BAD_BODIES = [
    b"{not json",
    b"\xff\xfe\xfa",
    b"[1, 2]",
    b"null",
    json.dumps({"message": "hi"}).encode(),
    json.dumps({"sender": "a b<script>", "message": "hi"}).encode(),
    json.dumps({"sender": "x" * 129, "message": "hi"}).encode(),
    json.dumps({"sender": "kiosk-1"}).encode(),
    json.dumps({"sender": "kiosk-1", "message": {"a": 1}}).encode(),
    json.dumps({"sender": "kiosk-1", "message": "hi", "metadata": "ar"}).encode(),
    json.dumps({"sender": "kiosk-1", "message": "hi", "metadata": {"k": "v" * 5000}}).encode(),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with database("sqlite", tmp_path_factory.mktemp("relay_guard")) as made:
        yield made


@pytest.fixture(scope="module")
def relay(engine: Engine) -> Iterator[str]:
    with web_server(engine) as url:  # no Rasa behind it: nothing may need one
        yield f"{url}/bot/webhooks/rest"


def polite_text(response: str, language: str, **arguments: object) -> str:
    return RENDERER.render(response, language, response_arguments(language, {}, arguments)).text


@pytest.mark.parametrize("raw", BAD_BODIES)
def test_the_relay_refuses_a_bad_request_as_the_rest_channel_does(relay: str, raw: bytes) -> None:
    guard = check_request(raw)
    assert isinstance(guard, Rejected)
    assert post(f"{relay}/webhook", None, raw=raw) == (guard.status, {"error": guard.error})


@pytest.mark.parametrize("raw", [b"[]", json.dumps({"sender": "a b"}).encode()])
def test_the_relay_refuses_a_bad_end_session_request_as_the_rest_channel_does(
        relay: str, raw: bytes) -> None:
    guard = check_sender(raw)
    assert isinstance(guard, Rejected)
    assert post(f"{relay}/forget", None, raw=raw) == (guard.status, {"error": guard.error})


def test_an_oversized_message_through_the_relay_gets_the_polite_reply_and_is_not_counted(
        relay: str, engine: Engine) -> None:
    huge = "Ich suche eine Wohnung in Lindenbruck. " * 520  # 20 280 characters, 20 KB
    status, replies = post(f"{relay}/webhook", {"sender": "kiosk-1", "message": huge})
    assert status == 200
    assert replies[0]["text"] == polite_text("utter_message_too_long", "de",
                                             max_characters=MAX_MESSAGE_CHARACTERS)
    assert replies[1]["custom"]["language"] == "de"
    assert figures(engine, []).questions == []


def test_an_empty_message_through_the_relay_gets_the_polite_reply_in_the_chosen_language(
        relay: str, engine: Engine) -> None:
    status, replies = post(f"{relay}/webhook", {"sender": "kiosk-1", "message": "\u200b ",
                                                "metadata": {"language": "uk"}})
    assert status == 200
    assert replies[0]["text"] == polite_text("utter_empty_message", "uk")
    assert replies[1]["custom"]["language"] == "uk"
    assert figures(engine, []).questions == []


def test_a_request_the_guard_accepts_is_forwarded(relay: str) -> None:
    """A sender of 128 characters with a colon, and metadata with more than a language:
    forwarded (here to no Rasa at all, hence 502), not refused by the relay."""
    body = {"sender": "user:" + "x" * 123, "message": "hallo",
            "metadata": {"language": "xx", "kiosk": "7"}}
    status, answer = post(f"{relay}/webhook", body)
    assert (status, answer) == (502, {"error": "the assistant cannot be reached"})

