"""Liveness and readiness: is this process up, and can it do its job now (if not, why).

A load balancer sends messages only to a ready server, and an operator reads the reasons.
`/health` answers as long as the process does; `/ready` runs the checks a server needs for
every message (the database, Redis when REDIS_URL is set, the model for Rasa, the action
server Rasa calls) and names each one that failed. Every server uses these same checks:
the action server (rasa_addons/action_server.py), Rasa (rasa_addons/health_channel.py) and
the web server (bot/runtime/web_health.py).

Reasons name the dependency and the kind of failure, never a message text or a password.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

import redis
from sqlalchemy import text
from sqlalchemy.engine import Engine

__all__ = [
    "Check", "Readiness", "action_server_check", "database_check", "evaluate", "redis_check",
]

#: A check returns None when the dependency is usable, else the reason it is not.
Check = Callable[[], "str | None"]
CHECK_SECONDS = 3.0
REASON_CHARACTERS = 200


@dataclass(frozen=True)
class Readiness:
    checked: tuple[str, ...]
    reasons: Mapping[str, str]

    @property
    def ready(self) -> bool:
        return not self.reasons

    @property
    def status(self) -> int:
        """HTTP status for a load balancer: 200 ready, 503 not (with the reasons)."""
        return 200 if self.ready else 503

    def as_json(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "checks": {name: self.reasons.get(name, "ok") for name in self.checked},
        }


def _reason(error: BaseException) -> str:
    first_line = (str(error).strip().splitlines() or [""])[0]
    return f"{type(error).__name__}: {first_line}"[:REASON_CHARACTERS]


def evaluate(checks: Mapping[str, Check], timeout: float = CHECK_SECONDS) -> Readiness:
    """Runs the checks side by side; one that does not finish within `timeout` fails, so a
    host that cannot reach its database answers 'not ready' quickly instead of hanging."""
    reasons: dict[str, str] = {}
    if not checks:
        return Readiness((), reasons)
    pool = ThreadPoolExecutor(max_workers=len(checks), thread_name_prefix="readiness")
    try:
        futures = {name: pool.submit(check) for name, check in checks.items()}
        for name, future in futures.items():
            try:
                reason = future.result(timeout=timeout)
            except FutureTimeout:
                reason = f"no answer within {timeout:g} s"
            except Exception as error:  # a failing check is a reason, not a crash
                reason = _reason(error)
            if reason:
                reasons[name] = reason
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return Readiness(tuple(checks), reasons)


def database_check(engine: Engine) -> Check:
    def check() -> str | None:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return None

    return check


def redis_check(url: str) -> Check:
    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def check() -> str | None:
        return None if client.ping() else "Redis did not answer PING"

    return check


def action_server_check(health_url: str) -> Check:
    def check() -> str | None:
        try:
            with urllib.request.urlopen(health_url, timeout=2) as reply:
                return None if reply.status == 200 else f"HTTP {reply.status}"
        except urllib.error.HTTPError as error:
            return f"HTTP {error.code}"

    return check
