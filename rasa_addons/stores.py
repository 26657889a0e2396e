"""Tracker and lock stores chosen from the environment when Rasa starts.

endpoints.yml names these classes; each returns Rasa's own Redis or in-memory tracker
store, and an in-memory or atomic Redis lock store, so one endpoints file serves a
laptop and a city's multi-process deployment alike.
"""
import json
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockError,
    LockStore,
    RedisLockStore,
)
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, TrackerStore

from bot.conversation_state import redis_settings

T = TypeVar("T")


class EnvironmentTrackerStore:
    def __new__(cls, domain: Any = None, event_broker: Any = None, **_: Any) -> TrackerStore:
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


# Compare-and-set: the lock is replaced (or deleted, for an empty value) only if it is
# still what this process read. One round trip, atomic inside Redis.
_COMPARE_AND_SET = """
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2]) end
return 1
"""


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store with every read-modify-write of a lock done atomically.

    Rasa 3.6 reads a lock, changes it and writes it back in separate steps, so two
    processes can draw the same ticket and both handle one conversation at once; the
    later tracker save then drops the other's turn (RasaHQ/rasa#9213). Here each change
    is a read and a compare-and-set, retried when another process changed the lock in
    between: two round trips, as many as Rasa's own, where WATCH/MULTI took three.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compare_and_set = self.red.register_script(_COMPARE_AND_SET)

    def _change(
        self,
        conversation_id: str,
        change: Callable[[TicketLock | None], tuple[TicketLock | None, T]],
    ) -> T:
        key = self.key_prefix + conversation_id
        while True:
            raw = self.red.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            new_lock, result = change(lock)
            new_value = "" if new_lock is None else new_lock.dumps()
            if self._compare_and_set(keys=[key], args=[raw or "", new_value]):
                return result

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

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
    def __new__(cls, **_: Any) -> LockStore:
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
