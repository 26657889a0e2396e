"""The Redis the benchmarks keep conversations in, and the cleanup after a run.

The product's key prefix is fixed (bot.conversation_state.KEY_PREFIX), so benchmarks use
their own database number on the test Redis: $TEST_REDIS_URL (default
redis://127.0.0.1:6379/0) with the database replaced by $BENCH_REDIS_DB (default 14).
Every benchmark conversation id carries the run's id; cleanup deletes exactly those keys.
"""
import os
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse, urlunparse

import redis

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
DEFAULT_BENCH_DB = 14


@dataclass(frozen=True)
class BenchRedis:
    url: str
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    @classmethod
    def from_environment(cls) -> "BenchRedis":
        base = urlparse(os.environ.get("TEST_REDIS_URL") or DEFAULT_REDIS_URL)
        db = int(os.environ.get("BENCH_REDIS_DB", DEFAULT_BENCH_DB))
        return cls(urlunparse(base._replace(path=f"/{db}")))

    def sender(self, label: str) -> str:
        """A conversation id that cleanup() will find."""
        return f"bench-{self.run_id}-{label}"

    def store_settings(self, key_prefix: str) -> dict[str, Any]:
        """Rasa's Redis store settings (endpoints.yml keys) for this database."""
        parsed = urlparse(self.url)
        settings: dict[str, Any] = {
            "url": parsed.hostname or "127.0.0.1",
            "port": parsed.port or 6379,
            "db": int(parsed.path.strip("/") or 0),
            "key_prefix": key_prefix,
        }
        if parsed.password:
            settings["password"] = parsed.password
        return settings

    def ping(self) -> None:
        redis.Redis.from_url(self.url, socket_timeout=5).ping()

    def cleanup(self) -> int:
        """Deletes this run's conversations and locks; returns how many keys went."""
        client = redis.Redis.from_url(self.url, socket_timeout=10)
        keys = list(client.scan_iter(match=f"*bench-{self.run_id}-*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start:start + 500])
        return len(keys)
