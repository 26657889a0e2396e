"""Readiness of the web server: `GET /ready`, 200 when its database answers, else 503 with
the reason (bot/runtime/health.py). The web server's own `/health` stays its liveness.

Registered by adding `ready_route(engine)` to the web server's routes.
"""
from __future__ import annotations

import asyncio

from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.runtime.health import database_check, evaluate


def ready_route(engine: Engine, path: str = "/ready") -> Route:
    checks = {"database": database_check(engine)}

    async def ready(_: Request) -> JSONResponse:
        readiness = await asyncio.to_thread(evaluate, checks)
        return JSONResponse(readiness.as_json(), status_code=readiness.status)

    return Route(path, ready, methods=["GET"])
