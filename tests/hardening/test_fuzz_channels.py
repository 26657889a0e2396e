"""Issue 13: arbitrary Unicode and JSON through each open channel (Rasa's REST channel and
the web relay): always 2xx or 4xx, and the next normal message is answered normally."""
from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hardening.client import post, say
from tests.hardening.conftest import Hardened
from tests.hardening.relay import relay_in_front

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=4),
    max_leaves=12,
)
BODIES = st.one_of(
    JSON.map(lambda value: json.dumps(value).encode()),
    st.fixed_dictionaries({"sender": st.text(max_size=20), "message": st.text(max_size=300)},
                          optional={"metadata": JSON}).map(lambda v: json.dumps(v).encode()),
    st.text(max_size=300).map(lambda text: json.dumps(
        {"sender": "fuzz", "message": text}).encode()),
    st.binary(max_size=300),
)
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _still_answers(url: str, address: str) -> None:
    status, replies = say(url, f"after-{uuid.uuid4().hex[:8]}", "hello", address)
    assert status == 200 and replies[0]["text"].startswith("Hello")


def _check(url: str, body: bytes, address: str) -> None:
    status, answer = post(f"{url}/webhooks/rest/webhook", None, address, raw=body)
    assert 200 <= status < 500, (status, answer)
    if status == 200:
        assert any(isinstance(r, dict) and r.get("custom", {}).get("language")
                   for r in answer), answer


@pytest.mark.e2e
@FUZZ
@given(body=BODIES)
def test_any_body_over_rest_gets_2xx_or_4xx(hardened: Hardened, body: bytes) -> None:
    address = f"203.0.113.{uuid.uuid4().int % 250 + 1}"
    _check(hardened.rasa_url, body, address)
    _still_answers(hardened.rasa_url, address)


@pytest.mark.e2e
def test_any_body_through_the_relay_gets_2xx_or_4xx(hardened: Hardened, address: str) -> None:
    with relay_in_front(hardened, CHAT_RATE_PER_ADDRESS="100000") as web:

        @FUZZ
        @given(body=BODIES)
        def through_relay(body: bytes) -> None:
            _check(f"{web}/bot", body, address)

        through_relay()
        _still_answers(f"{web}/bot", address)
    _still_answers(hardened.rasa_url, address)
