"""Issue 13, finding 7 without the model: the channel's deletion reaches the conversation in
Rasa's real stores, behind the wrappers Rasa puts around them (fail-safe, awaitable)."""
from __future__ import annotations

import asyncio
import uuid

import pytest
from rasa.core.tracker_store import (
    AwaitableTrackerStore,
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    RedisTrackerStore,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from redis.utils import from_url

from rasa_addons.rest_channel import _delete_tracker


def _tracker(sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, [])
    tracker.update(UserUttered("my phone is +49 170 5550123"))
    return tracker


@pytest.mark.parametrize("kind", ["memory", "redis"])
def test_forget_deletes_the_tracker_behind_rasas_wrappers(kind: str, redis_url: str) -> None:
    sender = f"forget-{uuid.uuid4().hex[:8]}"
    if kind == "memory":
        inner = InMemoryTrackerStore(Domain.empty())
    else:
        server = from_url(redis_url).connection_pool.connection_kwargs
        inner = RedisTrackerStore(Domain.empty(), host=server.get("host", "127.0.0.1"),
                                  port=server.get("port", 6379), db=server.get("db", 0),
                                  key_prefix="hardeningtest")
    store = FailSafeTrackerStore(AwaitableTrackerStore(inner))

    async def scenario() -> tuple[bool, bool]:
        await store.save(_tracker(sender))
        before = await store.retrieve(sender) is not None
        await _delete_tracker(store, sender)
        return before, await store.retrieve(sender) is None

    assert asyncio.run(scenario()) == (True, True)
