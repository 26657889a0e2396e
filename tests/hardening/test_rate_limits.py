"""Issue 13, finding 5 (without the model): limits shared through Redis by every process,
and a long message costs more than a short one."""
from __future__ import annotations

import uuid

import redis

from bot.rate_limit import RateLimiter, RedisRateLimiter, message_cost


def test_a_2000_character_message_costs_five_short_ones() -> None:
    assert message_cost("hello") == 1
    assert message_cost("x" * 2000) == 5
    limiter = RateLimiter(per_minute=60, burst=10)
    assert [limiter.allow("a", now=0, cost=message_cost("x" * 2000)) for _ in range(3)] == [
        True, True, False]


def test_two_processes_share_one_bucket_in_redis(redis_url: str) -> None:
    name = f"test-{uuid.uuid4().hex[:8]}"
    # Two clients, as two Rasa processes (or Rasa and the relay) would each have.
    first = RedisRateLimiter(redis.Redis.from_url(redis_url), name, per_minute=60, burst=4)
    second = RedisRateLimiter(redis.Redis.from_url(redis_url), name, per_minute=60, burst=4)
    allowed = [limiter.allow("203.0.113.5") for limiter in (first, second) * 3]
    assert allowed == [True] * 4 + [False] * 2
    assert first.allow("198.51.100.7"), "another address has its own bucket"


def test_a_redis_that_is_down_lets_messages_through() -> None:
    down = RedisRateLimiter(redis.Redis(port=1, socket_connect_timeout=0.2), "down", 60, 4)
    assert down.allow("203.0.113.5")

