"""Where finished translations are kept, so each text is translated once per model.

Memory always (a bounded LRU per process); Redis as well when REDIS_URL is set, shared by
every process of the city and kept for a TTL. Redis being down never stops a translation:
the cache falls back to memory, logs once, and tries Redis again after a pause.
"""
from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from typing import Protocol

import redis

log = logging.getLogger(__name__)

KEY_PREFIX = "cityassistant:mt"
RETRY_AFTER_SECONDS = 30.0
REDIS_TIMEOUT_SECONDS = 0.5


def cache_key(model_id: str, source: str, target: str, text: str) -> str:
    """A hash, so keys stay short and a Redis listing shows no text."""
    material = "\0".join((model_id, source, target, text)).encode("utf-8")
    return hashlib.sha256(material).hexdigest()


class TranslationCache(Protocol):
    def get(self, key: str) -> str | None: ...

    def put(self, key: str, translation: str) -> None: ...


class MemoryCache:
    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            translation = self._entries.get(key)
            if translation is not None:
                self._entries.move_to_end(key)
            return translation

    def put(self, key: str, translation: str) -> None:
        if self._size <= 0:
            return
        with self._lock:
            self._entries[key] = translation
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


class RedisCache:
    """Memory in front of Redis; memory alone while Redis cannot be reached."""

    def __init__(
        self,
        url: str,
        ttl_seconds: int,
        memory: MemoryCache,
        prefix: str = KEY_PREFIX,
        retry_after_seconds: float = RETRY_AFTER_SECONDS,
    ) -> None:
        self._client = redis.Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        self._ttl = ttl_seconds
        self._memory = memory
        self._prefix = prefix
        self._retry_after = retry_after_seconds
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        found = self._memory.get(key)
        if found is not None or not self._usable():
            return found
        try:
            stored = self._client.get(self._redis_key(key))
        except redis.RedisError as error:
            self._failed(error)
            return None
        self._recovered()
        if stored is None:
            return None
        translation = stored.decode("utf-8")
        self._memory.put(key, translation)
        return translation

    def put(self, key: str, translation: str) -> None:
        self._memory.put(key, translation)
        if not self._usable():
            return
        try:
            self._client.set(self._redis_key(key), translation.encode("utf-8"), ex=self._ttl)
        except redis.RedisError as error:
            self._failed(error)
            return
        self._recovered()

    def _redis_key(self, key: str) -> str:
        return f"{self._prefix}:{key}"

    def _usable(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, error: Exception) -> None:
        with self._lock:
            self._down_until = time.monotonic() + self._retry_after
            if not self._down:
                self._down = True
                log.warning(
                    "machine translation cache: Redis unreachable (%s); using memory only, "
                    "retrying every %.0f s",
                    error,
                    self._retry_after,
                )

    def _recovered(self) -> None:
        if self._down:
            with self._lock:
                if self._down:
                    self._down = False
                    log.info("machine translation cache: Redis reachable again")
