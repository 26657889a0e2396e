"""Rasa's stores as endpoints.yml creates them, against a real Redis server."""
import uuid

import pytest
import redis
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation_state import KEY_PREFIX
from rasa_addons.stores import EnvironmentLockStore, EnvironmentTrackerStore

DOMAIN = Domain.load("domain")


def test_stores_are_in_memory_without_redis_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(EnvironmentTrackerStore(domain=DOMAIN), InMemoryTrackerStore)
    assert isinstance(EnvironmentLockStore(), InMemoryLockStore)


@pytest.mark.redis
async def test_a_conversation_saved_in_redis_comes_back_and_expires(
    monkeypatch: pytest.MonkeyPatch, redis_url: str
) -> None:
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("CONVERSATION_EXPIRY_SECONDS", "120")
    store = EnvironmentTrackerStore(domain=DOMAIN)
    assert isinstance(store, RedisTrackerStore)
    sender = f"test-{uuid.uuid4().hex}"
    tracker = DialogueStateTracker.from_events(
        sender, [UserUttered("مرحبا"), SlotSet("language", "ar")], slots=DOMAIN.slots
    )
    await store.save(tracker)

    restored = await EnvironmentTrackerStore(domain=DOMAIN).retrieve(sender)
    assert restored is not None
    assert restored.get_slot("language") == "ar"
    client = redis.Redis.from_url(redis_url)
    key = f"{KEY_PREFIX}:tracker:{sender}"
    assert 0 < client.ttl(key) <= 120
    client.delete(key)


@pytest.mark.redis
def test_the_lock_store_shares_tickets_through_redis(
    monkeypatch: pytest.MonkeyPatch, redis_url: str
) -> None:
    monkeypatch.setenv("REDIS_URL", redis_url)
    first, second = EnvironmentLockStore(), EnvironmentLockStore()
    assert isinstance(first, RedisLockStore)
    conversation = f"test-{uuid.uuid4().hex}"
    served_first = first.issue_ticket(conversation)
    waiting = second.issue_ticket(conversation)
    assert second.get_or_create_lock(conversation).is_locked(waiting)
    first.finish_serving(conversation, served_first)
    assert not second.get_or_create_lock(conversation).is_locked(waiting)
    second.finish_serving(conversation, waiting)


@pytest.mark.redis
def test_tickets_drawn_at_the_same_moment_by_many_processes_are_all_different(
    monkeypatch: pytest.MonkeyPatch, redis_url: str
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setenv("REDIS_URL", redis_url)
    stores = [EnvironmentLockStore() for _ in range(8)]
    conversation = f"test-{uuid.uuid4().hex}"
    with ThreadPoolExecutor(max_workers=8) as pool:
        tickets = list(pool.map(lambda store: store.issue_ticket(conversation), stores * 10))
    assert sorted(tickets) == list(range(80))
    for ticket in tickets:
        stores[0].cleanup(conversation, ticket)
    assert stores[0].get_lock(conversation) is None
