"""A bound on the model turns one Rasa process works on at once.

Rate limits bound each client; this bounds the process: however many clients stay within
their limits, at most CHAT_TURNS_RUNNING turns run at once and CHAT_TURNS_WAITING wait
for their turn. A message that finds the queue full is not queued behind minutes of work:
it gets HTTP 503 with a polite "many people are writing" reply at once, and 112 first when
it reads as danger now (the channel's lexical danger check costs no model time).
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.settings import number

__all__ = ["TurnGate", "turn_gate"]

DEFAULT_RUNNING = 8
DEFAULT_WAITING = 64


class TurnGate:
    """At most `running` turns at once and `waiting` more in line; the rest are refused."""

    def __init__(self, running: int, waiting: int) -> None:
        if running < 1 or waiting < 0:
            raise ValueError("a turn gate needs running >= 1 and waiting >= 0")
        self._running = asyncio.Semaphore(running)
        self._capacity = running + waiting
        self._admitted = 0

    def full(self) -> bool:
        return self._admitted >= self._capacity

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Waits for a running place; call only when not `full()` (checked and taken in
        one step, as nothing awaits between them)."""
        self._admitted += 1
        try:
            async with self._running:
                yield
        finally:
            self._admitted -= 1


def turn_gate() -> TurnGate:
    """The gate from CHAT_TURNS_RUNNING and CHAT_TURNS_WAITING."""
    return TurnGate(int(number("CHAT_TURNS_RUNNING", DEFAULT_RUNNING)),
                    int(number("CHAT_TURNS_WAITING", DEFAULT_WAITING)))
