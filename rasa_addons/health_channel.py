"""Liveness and readiness of a Rasa server, as an input channel (credentials.yml).

Rasa's own `GET /` answers as soon as the web server runs, before the model is loaded and
whether or not Redis and the action server can be reached. A load balancer needs more:

    GET /webhooks/health/       200 while the process answers (liveness)
    GET /webhooks/health/metrics  Prometheus: this process's messages, latency and
                                unanswered replies by language, and the city's reports and
                                outbox (bot/runtime/metrics.py)
    GET /webhooks/health/ready  200 when the model is loaded and Redis (REDIS_URL), the
                                database and the action server answer; else 503 with
                                {"ready": false, "checks": {"redis": "<why>", ...}}

A channel is the one place Rasa lets a plug-in add routes; it takes no messages.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.engine import Engine

from bot.db import make_engine
from bot.runtime.health import (
    Check,
    action_server_check,
    database_check,
    evaluate,
    redis_check,
)
from bot.runtime.metrics import PROMETHEUS_TEXT, exposition
from bot.settings import text


def _health_url(webhook_url: str) -> str:
    parts = urlsplit(webhook_url)
    return urlunsplit((parts.scheme, parts.netloc, "/health", "", ""))


class HealthInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "health"

    def __init__(self) -> None:
        self._checks: dict[str, Check] | None = None
        self._engine: Engine | None = None

    def _dependency_checks(self, agent: Any) -> dict[str, Check]:
        """Built on first use: the agent's action endpoint is known only then."""
        if self._checks is None:
            if self._engine is None:
                self._engine = make_engine()
            checks: dict[str, Check] = {"database": database_check(self._engine)}
            redis_url = text("REDIS_URL")
            if redis_url:
                checks["redis"] = redis_check(redis_url)
            endpoint = getattr(agent, "action_endpoint", None)
            if endpoint is not None and endpoint.url:
                checks["action_server"] = action_server_check(_health_url(endpoint.url))
            self._checks = checks
        return self._checks

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        health = Blueprint("health_channel", __name__)

        @health.route("/", methods=["GET"])
        async def live(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @health.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                return response.json(
                    {"ready": False, "checks": {"model": "no model loaded yet"}}, status=503
                )
            checks = self._dependency_checks(agent)
            readiness = await asyncio.to_thread(evaluate, checks)
            body = readiness.as_json()
            body["checks"] = {"model": "ok", **body["checks"]}
            return response.json(body, status=readiness.status)

        @health.route("/metrics", methods=["GET"])
        async def metrics(_: Request) -> HTTPResponse:
            if self._engine is None:
                self._engine = make_engine()
            page = await asyncio.to_thread(exposition, self._engine)
            return response.text(page, content_type=PROMETHEUS_TEXT)

        return health
