"""Issue 13, finding 5 end to end: one client rotating sender ids cannot take the widget
and other kiosks down; a flood gets 429 with the polite reply, not 502."""
from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.hardening.client import say
from tests.hardening.conftest import Hardened
from tests.hardening.relay import relay_in_front


@pytest.mark.e2e
def test_a_client_rotating_sender_ids_leaves_another_kiosk_served(
        hardened: Hardened, address: str) -> None:
    kiosk = "198.51.100.23"
    with relay_in_front(hardened, CHAT_RATE_PER_ADDRESS="60") as web:
        relay = f"{web}/bot"
        stop = time.monotonic() + 8

        def flood() -> list[int]:
            statuses = []
            while time.monotonic() < stop:
                status, _ = say(relay, f"rot-{uuid.uuid4().hex[:8]}", "hi", address)
                statuses.append(status)
                time.sleep(0.125)  # 8 messages a second
            return statuses

        with ThreadPoolExecutor(1) as pool:
            flooding = pool.submit(flood)
            time.sleep(1)
            kiosk_statuses = []
            for _ in range(15):
                status, replies = say(relay, "kiosk-7", "hello", kiosk)
                kiosk_statuses.append(status)
            attacker = flooding.result()

    assert kiosk_statuses == [200] * 15
    assert 429 in attacker and 502 not in attacker


@pytest.mark.e2e
def test_a_flood_gets_429_with_the_polite_reply_in_the_persons_language(
        hardened: Hardened, address: str) -> None:
    with relay_in_front(hardened, CHAT_RATE_PER_ADDRESS="20") as web:
        answers = [say(f"{web}/bot", f"fa-{i}", "سلام، من یک سؤال دارم", address,
                       {"language": "fa"}) for i in range(30)]
    limited = [replies for status, replies in answers if status == 429]
    assert limited and all(status in (200, 429) for status, _ in answers)
    assert limited[0][1]["custom"]["language"] == "fa" and limited[0][0]["text"]


@pytest.mark.e2e
def test_rasas_429_for_one_sender_reaches_the_person_as_429(hardened: Hardened,
                                                           address: str) -> None:
    # Rasa limits each conversation to 60 a minute (burst 20); the relay's own limit is high.
    with relay_in_front(hardened, CHAT_RATE_PER_ADDRESS="100000") as web:
        answers = [say(f"{web}/bot", "one-sender-flood", "/greet", address, {"language": "de"})
                    for _ in range(30)]
    statuses = [status for status, _ in answers]
    assert 429 in statuses and 502 not in statuses
    polite = next(replies for status, replies in answers if status == 429)
    assert polite[1]["custom"]["language"] == "de"
