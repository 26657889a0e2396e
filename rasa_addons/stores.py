"""Tracker and lock stores chosen from the environment when Rasa starts.

endpoints.yml names these classes; each returns Rasa's own Redis or in-memory store, so
one endpoints file serves a laptop and a city's multi-process deployment alike.
"""
from typing import Any

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, TrackerStore

from bot.conversation_state import redis_settings


class EnvironmentTrackerStore:
    def __new__(cls, domain: Any = None, event_broker: Any = None, **_: Any) -> TrackerStore:  # type: ignore[misc]
        settings = redis_settings()
        if settings is None:
            return InMemoryTrackerStore(domain, event_broker=event_broker)
        return RedisTrackerStore(
            domain,
            host=settings.host,
            port=settings.port,
            db=settings.db,
            password=settings.password,
            use_ssl=settings.use_ssl,
            record_exp=settings.expiry_seconds,
            key_prefix=settings.key_prefix,
            event_broker=event_broker,
        )


class EnvironmentLockStore:
    def __new__(cls, **_: Any) -> LockStore:  # type: ignore[misc]
        settings = redis_settings()
        if settings is None:
            return InMemoryLockStore()
        return RedisLockStore(
            host=settings.host,
            port=settings.port,
            db=settings.db,
            password=settings.password,
            use_ssl=settings.use_ssl,
            key_prefix=settings.key_prefix,
        )
