"""Issue 13: the model turns one Rasa process works on are bounded. A message that finds
the queue full gets 503 at once with a polite reply in its language, and 112 first when
it reads as danger now; the process answers normally afterwards."""
from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from bot.turn_gate import TurnGate
from tests.conversation.replies import turns
from tests.hardening.client import say
from tests.support.servers import start_assistant

BUSY_DE = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir())).render(
    "utter_busy", "de", {}).text
DANGER_DE = "Hilfe, ein Mann verfolgt mich gerade"


def test_a_full_gate_refuses_and_a_finished_turn_makes_room() -> None:
    async def scenario() -> list[bool]:
        gate = TurnGate(running=1, waiting=1)
        seen = [gate.full()]
        release = asyncio.Event()

        async def turn() -> None:
            async with gate.turn():
                await release.wait()

        tasks = [asyncio.create_task(turn()) for _ in range(2)]
        await asyncio.sleep(0)
        seen.append(gate.full())
        release.set()
        await asyncio.gather(*tasks)
        seen.append(gate.full())
        return seen

    assert asyncio.run(scenario()) == [False, True, False]


@pytest.fixture(scope="module")
def one_turn_at_a_time(trained_model: Path, sample_database: str,
                       tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    running = start_assistant(trained_model, tmp_path_factory.mktemp("turn-gate"), {
        "DATABASE_URL": sample_database, "CHAT_TURNS_RUNNING": "1", "CHAT_TURNS_WAITING": "0",
        "CHAT_RATE_PER_SENDER": "1000", "CHAT_RATE_PER_ADDRESS": "100000",
        "TRUSTED_PROXIES": "127.0.0.1,::1"})
    yield running.rasa_urls[0]
    running.stop()


@pytest.mark.e2e
def test_danger_sent_by_many_at_once_gets_112_first_even_when_the_process_is_full(
    one_turn_at_a_time: str,
) -> None:
    def send(index: int) -> tuple[int, list[dict]]:
        return say(one_turn_at_a_time, f"gate-{uuid.uuid4().hex[:8]}", DANGER_DE,
                   f"203.0.113.{index + 1}")

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(send, range(16)))

    statuses = [status for status, _ in answers]
    assert set(statuses) <= {200, 503} and 503 in statuses, statuses
    for status, replies in answers:
        texts = [reply["text"] for reply in replies if reply.get("text")]
        assert "112" in texts[0], texts
        if status == 503:
            assert texts[-1] == BUSY_DE
            assert all(reply["custom"]["language"] == "de"
                       for reply in replies if "custom" in reply)
    status, replies = say(one_turn_at_a_time, "gate-after",
                          "Guten Tag, ich suche einen Deutschkurs", "203.0.113.99")
    assert status == 200 and turns(replies)[0].custom["language"] == "de"
