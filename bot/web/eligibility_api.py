"""The eligibility JSON API (bot/eligibility/api.py) served by the web server under
/api/eligibility, with its OpenAPI document at /api/eligibility/openapi.json.

The same app the staff console calls in process. In front of it the web server's own
guard: the body size limit (bot/web/app.py), and JSON that cannot be parsed (nested too
deeply) is refused with 400 here, before the API reads it.
"""
from __future__ import annotations

import json

from anyio import to_thread
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from bot.web.eligibility_client import EligibilityClient

__all__ = ["routes"]

_NO_STORE = [(b"content-type", b"application/json"), (b"cache-control", b"no-store")]


async def _json(send: Send, status: int, payload: dict[str, object]) -> None:
    body = json.dumps(payload).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [*_NO_STORE, (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class EligibilityAPI:
    """An ASGI app that loads the API on first use and passes requests to it."""

    def __init__(self, client: EligibilityClient) -> None:
        self.client = client

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app = await to_thread.run_sync(self.client.application)
        if app is None:
            await _json(send, 503, {"error": "the eligibility check is not available"})
            return
        if scope["method"] != "POST":
            await app(scope, receive, send)
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        try:
            json.loads(body)
        except RecursionError:
            await _json(send, 400, {"error": "the request body is nested too deeply",
                                    "problems": ["the request body is nested too deeply"]})
            return
        except (ValueError, UnicodeDecodeError):
            pass  # the API answers these itself
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await app(scope, replay, send)


def routes(client: EligibilityClient) -> list[Route]:
    api = EligibilityAPI(client)
    return [
        Route("/api/eligibility", api, methods=["POST"]),
        Route("/api/eligibility/facts", api, methods=["GET"]),
        Route("/api/eligibility/openapi.json", api, methods=["GET"]),
    ]
