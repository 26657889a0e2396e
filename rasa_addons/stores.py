"""Tracker and lock stores chosen from the environment when Rasa starts.

endpoints.yml names these classes; each returns Rasa's own Redis or in-memory tracker
store, and an in-memory or atomic Redis lock store, so one endpoints file serves a
laptop and a city's multi-process deployment alike.
"""
import json
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockError,
    LockStore,
    RedisLockStore,
)
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, TrackerStore

T = TypeVar("T")

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


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store with every read-modify-write of a lock done atomically.

    Rasa 3.6 reads a lock, changes it and writes it back in separate steps, so two
    processes can draw the same ticket and both handle one conversation at once; the
    later tracker save then drops the other's turn (RasaHQ/rasa#9213). Here each change
    is an optimistic Redis transaction (WATCH/MULTI), retried when another process won.
    """

    def _change(
        self, conversation_id: str, change: Callable[[TicketLock | None], tuple[TicketLock | None, T]]
    ) -> T:
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new_lock, result = change(lock)
                    pipe.multi()
                    if new_lock is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new_lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}")

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        def clean(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, clean)


class EnvironmentLockStore:
    def __new__(cls, **_: Any) -> LockStore:  # type: ignore[misc]
        settings = redis_settings()
        if settings is None:
            return InMemoryLockStore()
        return AtomicRedisLockStore(
            host=settings.host,
            port=settings.port,
            db=settings.db,
            password=settings.password,
            use_ssl=settings.use_ssl,
            key_prefix=settings.key_prefix,
        )
