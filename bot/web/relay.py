"""A same-origin relay to Rasa's REST channel, for the kiosk and for widgets that do not
talk to Rasa directly.

It reads at most the request guard's body limit (Content-Length before reading, then the
body as it streams in) and checks the request by the REST channel's own rules
(bot/inbound.py: the same limits, errors and polite replies), limits messages per client
address (bot/rate_limit.py; the client's address, not the relay's, is passed on in
X-Forwarded-For so Rasa limits each client too), forwards what the guard accepted, and
counts the question in the anonymous usage figures (language, first cited category,
answered or not). A flood gets 429 with the polite reply, whether the relay or Rasa
refused it. It logs no text and keeps no conversation id.
"""
from __future__ import annotations

import asyncio
import logging
from functools import lru_cache
from typing import Any

import httpx2
from anyio import to_thread
from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.inbound import (
    MAX_BODY_BYTES,
    TOO_LARGE,
    Accepted,
    PoliteReply,
    Rejected,
    check_request,
    check_sender,
    polite_reply,
)
from bot.paths import domain_dir, translations_dir
from bot.rate_limit import address_limiter, message_cost
from bot.responses import ResponseRenderer
from bot.responses.message import own_reply
from bot.translation import PoCatalogs
from bot.web.addresses import request_address
from bot.web.settings import WebSettings
from bot.web.usage import record_question, turn_figures

__all__ = ["Relay", "read_limited"]

_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
}
#: A chat reply is for one person at one moment: no cache keeps it (a kiosk is shared).
_NO_STORE = {**_CORS, "Cache-Control": "no-store"}
FORGET_TRIES = 3
logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _renderer() -> ResponseRenderer:
    return ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))


class TooLarge(Exception):
    """A body over the limit, found before or while reading it."""


async def read_limited(request: Request, limit: int) -> bytes:
    """The body, read only if its Content-Length (when given) is within `limit`, and never
    more than `limit` bytes of it (chunked bodies have no length to check first)."""
    declared = request.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise TooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge
    return bytes(body)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status, headers=_CORS)


class Relay:
    def __init__(self, settings: WebSettings, engine: Engine) -> None:
        self._settings = settings
        self._engine = engine
        self._url = settings.bot_url.rstrip("/") + "/webhooks/rest/webhook"
        self._forget_url = settings.bot_url.rstrip("/") + "/webhooks/rest/forget"
        self._client_instance: httpx2.AsyncClient | None = None
        self._per_address = address_limiter("relay")

    async def close(self) -> None:
        if self._client_instance is not None:
            await self._client_instance.aclose()

    async def preflight(self, request: Request) -> Response:
        return Response(status_code=204, headers=_CORS)

    async def _body(self, request: Request) -> bytes | Response:
        try:
            return await read_limited(request, MAX_BODY_BYTES)
        except TooLarge:
            return _error(TOO_LARGE, f"request body larger than {MAX_BODY_BYTES} bytes")

    def _polite(self, reply: PoliteReply) -> list[dict[str, Any]]:
        return own_reply(_renderer(), reply.sender, reply.response, reply.language,
                         reply.arguments)

    def _client(self) -> httpx2.AsyncClient:
        if self._client_instance is None:
            self._client_instance = httpx2.AsyncClient(timeout=self._settings.bot_timeout_seconds)
        return self._client_instance

    async def forward(self, request: Request) -> Response:
        body = await self._body(request)
        if isinstance(body, Response):
            return body
        checked = check_request(body)
        if isinstance(checked, Rejected):
            return _error(checked.status, checked.error)
        address = request_address(request)
        cost = message_cost(checked.text) if isinstance(checked, Accepted) else 1
        if not self._per_address.allow(address, cost=cost):
            polite = self._polite(polite_reply(checked, "utter_too_many_messages"))
            return JSONResponse(polite, 429, headers=_NO_STORE)
        if isinstance(checked, PoliteReply):
            # An empty or oversized message: the REST channel's own polite reply, not counted.
            return JSONResponse(self._polite(checked),
                                headers=_NO_STORE)
        forward: dict[str, Any] = {"sender": checked.sender, "message": checked.text}
        if checked.metadata:
            forward["metadata"] = checked.metadata
        try:
            answer = await self._client().post(self._url, json=forward,
                                               headers={"X-Forwarded-For": address})
            replies = answer.json()
            if answer.status_code in (429, 503) and isinstance(replies, list):
                # Too many messages, or too many people at once: the polite reply, as sent.
                return JSONResponse(replies, answer.status_code,
                                    headers=_NO_STORE)
            if answer.status_code == 429:
                return JSONResponse(
                    self._polite(polite_reply(checked, "utter_too_many_messages")), 429,
                    headers=_NO_STORE)
            if 400 <= answer.status_code < 500 and isinstance(replies, dict):
                return _error(answer.status_code, str(replies.get("error") or "refused"))
            answer.raise_for_status()
        except (httpx2.HTTPError, ValueError) as error:
            logger.warning("the assistant did not answer: %s", type(error).__name__)
            return _error(502, "the assistant cannot be reached")
        if not isinstance(replies, list):
            return _error(502, "the assistant gave an unexpected answer")
        if not checked.text.startswith("/"):
            await to_thread.run_sync(self._count, checked.text, replies)
        return JSONResponse(replies, headers=_NO_STORE)

    async def forget(self, request: Request) -> Response:
        """Ends a conversation on the server (the kiosk's "End session"): Rasa deletes its
        tracker. Tried FORGET_TRIES times; 200 only when Rasa confirmed the deletion."""
        body = await self._body(request)
        if isinstance(body, Response):
            return body
        sender = check_sender(body)
        if isinstance(sender, Rejected):
            return _error(sender.status, sender.error)
        address = request_address(request)
        if not self._per_address.allow(address):
            return _error(429, "too many requests from this address")
        for attempt in range(FORGET_TRIES):
            try:
                answer = await self._client().post(self._forget_url, json={"sender": sender},
                                                   headers={"X-Forwarded-For": address})
                if answer.status_code == 200 and answer.json().get("forgotten") is True:
                    return JSONResponse({"forgotten": True},
                                        headers=_NO_STORE)
                logger.warning("the assistant did not forget a conversation: HTTP %s",
                               answer.status_code)
            except (httpx2.HTTPError, ValueError, AttributeError) as error:
                logger.warning("the assistant did not forget a conversation: %s",
                               type(error).__name__)
            await asyncio.sleep(0.5 * 2 ** attempt)
        return _error(502, "the conversation could not be deleted")

    def _count(self, text: str, replies: list[Any]) -> None:
        language, category, answered = turn_figures(replies)
        keep = text if self._settings.keep_unanswered_text else None
        try:
            record_question(self._engine, language or "und", category, answered, keep)
        except Exception:  # figures must never break a conversation
            logger.exception("could not count a question")
