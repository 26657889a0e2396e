"""Per-sender and per-address message limits, so one client cannot flood the assistant.

A token bucket per key, kept in the process: each Rasa process limits what reaches it
(with N processes behind a balancer a client gets at most N times the rate). Limits come
from CHAT_RATE_PER_SENDER and CHAT_RATE_PER_ADDRESS (messages a minute).
"""
import os
import time
from collections import OrderedDict
from dataclasses import dataclass, field

MAX_KEYS = 50_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class RateLimiter:
    per_minute: float
    burst: float
    _buckets: "OrderedDict[str, _Bucket]" = field(default_factory=OrderedDict)

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        bucket = self._buckets.pop(key, None) or _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.per_minute / 60)
        bucket.updated = now
        allowed = bucket.tokens >= 1
        if allowed:
            bucket.tokens -= 1
        self._buckets[key] = bucket
        while len(self._buckets) > MAX_KEYS:
            self._buckets.popitem(last=False)
        return allowed


def _rate(variable: str, default: float) -> float:
    return float(os.environ.get(variable, default))


def sender_limiter() -> RateLimiter:
    rate = _rate("CHAT_RATE_PER_SENDER", 30)
    return RateLimiter(per_minute=rate, burst=max(5.0, rate / 3))


def address_limiter() -> RateLimiter:
    rate = _rate("CHAT_RATE_PER_ADDRESS", 300)
    return RateLimiter(per_minute=rate, burst=max(10.0, rate / 3))
