"""Per-sender and per-address message limits, so one client cannot flood the assistant.

A token bucket per key. With REDIS_URL set the buckets live in Redis, so every Rasa process
and the web server's relay share them (one client gets the rate once, however many
processes serve it); without it each process keeps its own. A message costs more the
longer it is (`message_cost`): the model's work grows with the text. Limits come from
CHAT_RATE_PER_SENDER and CHAT_RATE_PER_ADDRESS (messages a minute).
"""
from __future__ import annotations

import logging
import math
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.settings import number, text

__all__ = [
    "CHARACTERS_PER_MESSAGE",
    "Limiter",
    "RateLimiter",
    "RedisRateLimiter",
    "address_limiter",
    "message_cost",
    "sender_limiter",
]

MAX_KEYS = 50_000
#: Each started block of this many characters counts as one more message.
CHARACTERS_PER_MESSAGE = 500
logger = logging.getLogger(__name__)


def message_cost(text: str) -> float:
    """1 for a short message, 5 for one of 2000 characters."""
    return 1.0 + len(text) // CHARACTERS_PER_MESSAGE


class Limiter(Protocol):
    def allow(self, key: str, now: float | None = None, cost: float = 1.0) -> bool: ...


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class RateLimiter:
    """Buckets in this process."""

    per_minute: float
    burst: float
    _buckets: OrderedDict[str, _Bucket] = field(default_factory=OrderedDict)

    def allow(self, key: str, now: float | None = None, cost: float = 1.0) -> bool:
        now = time.monotonic() if now is None else now
        bucket = self._buckets.pop(key, None) or _Bucket(self.burst, now)
        refilled = (now - bucket.updated) * self.per_minute / 60
        bucket.tokens = min(self.burst, bucket.tokens + refilled)
        bucket.updated = now
        allowed = bucket.tokens >= cost
        if allowed:
            bucket.tokens -= cost
        self._buckets[key] = bucket
        while len(self._buckets) > MAX_KEYS:
            self._buckets.popitem(last=False)
        return allowed


# One round trip, atomic: refill by Redis's own clock, take `cost` if there is enough.
_TAKE = """
local rate, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = tonumber(state[1]) or burst
local updated = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - updated) * rate)
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return allowed
"""


class RedisRateLimiter:
    """Buckets in Redis, shared by every process that uses the same `name`. If Redis cannot
    be reached the message is let through (the conversation store fails loudly anyway)."""

    def __init__(self, client: Any, name: str, per_minute: float, burst: float) -> None:
        self._client = client
        self._prefix = f"city-assistant:rate:{name}:"
        self.per_minute, self.burst = per_minute, burst
        self._take = client.register_script(_TAKE)

    def allow(self, key: str, now: float | None = None, cost: float = 1.0) -> bool:
        import redis

        try:
            return bool(self._take(keys=[self._prefix + key],
                                   args=[self.per_minute / 60, self.burst, cost]))
        except redis.RedisError as error:
            logger.warning("rate limit not checked, Redis failed: %s", type(error).__name__)
            return True


def _limiter(name: str, per_minute: float, burst: float) -> Limiter:
    url = text("REDIS_URL")
    if not url:
        return RateLimiter(per_minute=per_minute, burst=burst)
    import redis

    client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    return RedisRateLimiter(client, name, per_minute, burst)


def sender_limiter() -> Limiter:
    rate = number("CHAT_RATE_PER_SENDER", 30)
    return _limiter("sender", rate, max(5.0, math.ceil(rate / 3)))


def address_limiter(name: str = "address") -> Limiter:
    """`name` keeps separate buckets for separate doors (Rasa's channel, the relay)."""
    rate = number("CHAT_RATE_PER_ADDRESS", 300)
    return _limiter(name, rate, max(10.0, math.ceil(rate / 3)))
