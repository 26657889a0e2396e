"""Bad input sent to the running assistant: a 4xx or a polite reply, and the next message works."""
import json
import urllib.error
import urllib.request
import zlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.servers import Assistant


def post(assistant: Assistant, raw: bytes) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"{assistant.rasa_urls[0]}/webhooks/rest/webhook",
        data=raw,
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def still_answers(assistant: Assistant, sender: str) -> None:
    status, replies = post(assistant, json.dumps({"sender": sender, "message": "hello"}).encode())
    assert status == 200 and replies[0]["text"].startswith("Hello")


@pytest.mark.e2e
def test_an_oversized_message_gets_a_polite_reply_in_the_persons_language(
    assistant: Assistant, sender: str
) -> None:
    status, replies = post(
        assistant,
        json.dumps(
            {"sender": sender, "message": "Ich habe eine Frage zur Wohnung. " * 200}
        ).encode(),
    )
    assert status == 200
    assert "2000" in replies[0]["text"] and "Nachricht" in replies[0]["text"]
    assert replies[1]["custom"] == {"language": "de", "translation": "curated", "direction": "ltr",
                                   "answered": True}
    still_answers(assistant, sender)


@pytest.mark.e2e
@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b"\xff\xfe", b"null", b'{"sender": "x"}', b'{"sender": "x", "message": {"a": 1}}',
     json.dumps({"sender": "x", "message": "hi", "metadata": {"k": "v" * 20_000}}).encode()],
)
def test_a_malformed_request_gets_a_4xx_with_a_reason(
    assistant: Assistant, sender: str, raw: bytes
) -> None:
    status, answer = post(assistant, raw)
    assert 400 <= status < 500 and answer["error"]
    still_answers(assistant, sender)


@pytest.mark.e2e
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    message=st.one_of(
        st.text(max_size=300),
        st.sampled_from(
            [
                "<script>alert(1)</script>",
                "'; DROP TABLE reports; --",
                "\x00\x01\x02",
                "مرحبا hello привіт ሰላም",
            ]
        ),
    )
)
def test_any_text_gets_an_answer_that_keeps_the_contract(
    assistant: Assistant, message: str
) -> None:
    sender = f"fuzz-{zlib.crc32(message.encode())}"
    status, replies = post(assistant, json.dumps({"sender": sender, "message": message}).encode())
    assert status == 200
    assert any("custom" in reply and reply["custom"].get("language") for reply in replies)


@pytest.mark.e2e
def test_a_flood_from_one_sender_is_slowed_down_politely(assistant: Assistant, sender: str) -> None:
    answers = [
        post(
            assistant,
            json.dumps({"sender": sender, "message": "", "metadata": {"language": "fa"}}).encode(),
        )
        for _ in range(40)
    ]
    limited = [replies for status, replies in answers if status == 429]
    assert limited, "40 messages at once were never limited"
    assert limited[0][1]["custom"]["language"] == "fa"
