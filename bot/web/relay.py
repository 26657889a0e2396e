"""A same-origin relay to Rasa's REST channel, for the kiosk and for widgets that do not
talk to Rasa directly.

It checks the request's shape and size, forwards it, and counts the question in the
anonymous usage figures (language, first cited category, answered or not). It logs no
text and keeps no conversation id.
"""
from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from string import Formatter
from typing import Any

import httpx2
from anyio import to_thread
from sqlalchemy.engine import Engine
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.domain_files import read_domain
from bot.language import SUPPORTED
from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from bot.web.settings import WebSettings
from bot.web.usage import record_question

__all__ = ["MAX_MESSAGE_CHARS", "Relay", "fallback_texts", "is_unanswered"]

MAX_MESSAGE_CHARS = 2000
MAX_BODY_BYTES = 16 * 1024
_SENDER = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "600",
}
# Replies that answer nothing: "say it in other words", "out of scope", and the catalogue
# search's "no information about that" (which goes on with the advice office's details).
_FALLBACK_RESPONSES = ("utter_default", "utter_out_of_scope", "utter_service_not_found")
_SENTINEL = "\x00"
_SHORTEST_OPENING = 8
logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def fallback_texts() -> frozenset[str]:
    """How the assistant's "I cannot answer" replies begin, in every language: the text up
    to its first filled-in value (an office's name, say). A reply that begins with one of
    them counts as unanswered."""
    renderer = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
    responses = read_domain(domain_dir()).get("responses") or {}
    texts = set()
    for response in _FALLBACK_RESPONSES:
        if response not in responses:
            continue
        source = responses[response][0].get("text", "")
        placeholders = {field for _, field, _, _ in Formatter().parse(source) if field}
        for language in SUPPORTED:
            rendered = renderer.render(
                response, language, dict.fromkeys(placeholders, _SENTINEL)
            ).text
            opening = rendered.split(_SENTINEL)[0].strip()
            if opening == rendered.strip() or len(opening) >= _SHORTEST_OPENING:
                texts.add(opening)
    return frozenset(texts)


def is_unanswered(text: str) -> bool:
    """Whether a reply text is one of the assistant's "I cannot answer" replies."""
    text = text.strip()
    return any(text.startswith(opening) for opening in fallback_texts())


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status, headers=_CORS)


def _checked(payload: Any) -> dict[str, Any] | str:
    """The request to forward, or what is wrong with it."""
    if not isinstance(payload, dict):
        return "the body must be a JSON object"
    sender, message = payload.get("sender"), payload.get("message")
    if not isinstance(sender, str) or not _SENDER.match(sender):
        return "sender must be 1-100 letters, digits, - or _"
    if not isinstance(message, str) or not message.strip():
        return "message must be a non-empty string"
    if len(message) > MAX_MESSAGE_CHARS:
        return f"message is longer than {MAX_MESSAGE_CHARS} characters"
    forward: dict[str, Any] = {"sender": sender, "message": message}
    metadata = payload.get("metadata")
    if metadata is not None:
        language = metadata.get("language") if isinstance(metadata, dict) else None
        if not isinstance(metadata, dict) or set(metadata) - {"language"} or (
                language is not None and language not in SUPPORTED):
            return "metadata may only hold a supported language"
        if language:
            forward["metadata"] = {"language": language}
    return forward


def _summary(replies: list[Any]) -> tuple[str | None, str | None, bool]:
    """(language, first cited category, answered) of one reply list."""
    language = category = None
    answered = True
    for message in replies:
        if not isinstance(message, dict):
            continue
        if isinstance(message.get("text"), str) and is_unanswered(message["text"]):
            answered = False
        custom = message.get("custom")
        if isinstance(custom, dict):
            language = language or custom.get("language")
            for source in custom.get("sources") or []:
                if category is None and isinstance(source, dict) and source.get("category"):
                    category = str(source["category"])
    return language, category, answered


class Relay:
    def __init__(self, settings: WebSettings, engine: Engine) -> None:
        self._settings = settings
        self._engine = engine
        self._url = settings.bot_url.rstrip("/") + "/webhooks/rest/webhook"
        self._client: httpx2.AsyncClient | None = None

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def preflight(self, request: Request) -> Response:
        return Response(status_code=204, headers=_CORS)

    async def forward(self, request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return _error(413, f"the request is larger than {MAX_BODY_BYTES} bytes")
        try:
            checked = _checked(json.loads(body))
        except (ValueError, UnicodeDecodeError):
            return _error(400, "the body is not valid JSON")
        if isinstance(checked, str):
            return _error(422, checked)
        if self._client is None:
            self._client = httpx2.AsyncClient(timeout=self._settings.bot_timeout_seconds)
        try:
            answer = await self._client.post(self._url, json=checked)
            answer.raise_for_status()
            replies = answer.json()
        except (httpx2.HTTPError, ValueError) as error:
            logger.warning("the assistant did not answer: %s", type(error).__name__)
            return _error(502, "the assistant cannot be reached")
        if not isinstance(replies, list):
            return _error(502, "the assistant gave an unexpected answer")
        if not checked["message"].startswith("/"):
            await to_thread.run_sync(self._count, checked, replies)
        return JSONResponse(replies, headers={**_CORS, "Cache-Control": "no-store"})

    def _count(self, request: dict[str, Any], replies: list[Any]) -> None:
        language, category, answered = _summary(replies)
        keep = request["message"] if self._settings.keep_unanswered_text else None
        try:
            record_question(self._engine, language or "und", category, answered, keep)
        except Exception:  # figures must never break a conversation
            logger.exception("could not count a question")
