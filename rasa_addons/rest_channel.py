"""Rasa's REST channel with the request guard in front (bot/inbound.py, bot/rate_limit.py).

It keeps the name "rest", so the webhook stays POST /webhooks/rest/webhook, and every
reply keeps the contract: a polite reply we make ourselves carries `custom` like any other.
At most CHAT_TURNS_RUNNING turns run at once and CHAT_TURNS_WAITING wait (bot/turn_gate.py);
past that a message gets 503 with a polite reply, 112 first for danger. It also sets the
Rasa server's request size limit (Sanic reads the whole body before any
handler runs, up to 100 MB by default; with the limit a larger Content-Length gets 413
before the body is read) and serves POST /webhooks/rest/forget, which deletes a
conversation from the tracker store (the kiosk's "End session").
"""
import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore
from sanic import Blueprint, response
from sanic.request import Request

from bot.client_address import client_address
from bot.inbound import (
    MAX_BODY_BYTES,
    Accepted,
    PoliteReply,
    Rejected,
    check_request,
    check_sender,
    polite_reply,
    reply_language,
)
from bot.paths import domain_dir, translations_dir
from bot.rate_limit import address_limiter, message_cost, sender_limiter
from bot.reports.safety import emergency_messages
from bot.responses import ResponseRenderer
from bot.responses.message import own_reply, turn_answered
from bot.runtime.metrics import observe_message
from bot.translation import PoCatalogs
from bot.turn_gate import turn_gate

logger = logging.getLogger(__name__)


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        self._renderer = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
        self._per_sender = sender_limiter()
        self._per_address = address_limiter()
        self._turns = turn_gate()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "GuardedRestInput":
        return cls()

    def _polite(self, reply: PoliteReply) -> list[dict[str, Any]]:
        return self._render(reply.sender, reply.response, reply.language, dict(reply.arguments))

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint("guarded_rest_webhook", __name__)

        @webhook.listener("before_server_start")
        async def limit_request_size(app: Any, _: Any) -> None:
            app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            address = client_address(request.ip, request.headers.get("x-forwarded-for"))
            if not self._per_address.allow(address):
                return response.json({"error": "too many messages from this address"}, status=429)
            checked = check_request(request.body or b"")
            if isinstance(checked, Rejected):
                return response.json({"error": checked.error}, status=checked.status)
            # A long message costs the model more: it counts as several.
            extra = message_cost(checked.text) - 1 if isinstance(checked, Accepted) else 0
            if not self._per_sender.allow(checked.sender, cost=1 + extra) or (
                    extra and not self._per_address.allow(address, cost=extra)):
                return response.json(
                    self._polite(polite_reply(checked, "utter_too_many_messages")),
                    status=429,
                )
            if isinstance(checked, PoliteReply):
                return response.json(self._polite(checked))
            if self._turns.full():
                busy = self._polite(polite_reply(checked, "utter_busy"))
                return response.json(self._emergency_first(checked, busy), status=503,
                                     headers={"Retry-After": "10"})
            started = time.perf_counter()
            async with self._turns.turn():
                replies = await self._answer(on_new_message, checked)
            observe_message(_replies_language(replies) or "en", time.perf_counter() - started,
                            turn_answered(replies))
            return response.json(replies)

        @webhook.route("/forget", methods=["POST"])
        async def forget(request: Request) -> response.HTTPResponse:
            """Deletes the conversation (tracker) of `sender` once its turn in progress
            ended; answers 200 {"forgotten": true} only when it is gone from the store."""
            address = client_address(request.ip, request.headers.get("x-forwarded-for"))
            if not self._per_address.allow(address):
                return response.json({"error": "too many messages from this address"}, status=429)
            sender = check_sender(request.body or b"")
            if isinstance(sender, Rejected):
                return response.json({"error": sender.error}, status=sender.status)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or agent.tracker_store is None:
                return response.json({"error": "the assistant is not ready"}, status=503)
            async with agent.lock_store.lock(sender):
                await _delete_tracker(agent.tracker_store, sender)
            return response.json({"forgotten": True})

        return webhook

    async def _answer(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]], message: Accepted
    ) -> list[dict[str, Any]]:
        """The assistant's turns; if handling the message failed or gave no reply, an
        apology that says so."""
        collector = CollectingOutputChannel()
        try:
            await on_new_message(
                UserMessage(
                    message.text,
                    collector,
                    message.sender,
                    input_channel=self.name(),
                    metadata=message.metadata,
                )
            )
        except (Exception, asyncio.CancelledError):
            logger.exception("could not handle a message of %s", message.sender)
            return self._polite(polite_reply(message, "utter_technical_problem"))
        replies = collector.messages
        if not replies:
            # Rasa carries on when an action fails (e.g. the action server is down) and
            # says nothing at all; the person must at least learn that something failed.
            logger.error("no reply to a message of %s: answering with an apology", message.sender)
            replies = self._polite(polite_reply(message, "utter_technical_problem"))
        return self._emergency_first(message, replies)

    def _emergency_first(
        self, message: Accepted, replies: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Danger now gets 112 before anything else, even in a turn whose custom actions
        (which normally send it, actions/language.py) could not run."""
        if any(_office_kind(reply) == "emergency" for reply in replies):
            return replies
        language = _replies_language(replies) or reply_language(message.metadata, message.text)
        emergency = emergency_messages(message.text, language)
        if emergency:
            logger.error("danger in a turn that did not answer it: sending 112 from the channel")
        return [
            rendered
            for arguments in emergency
            for rendered in self._render(
                message.sender, arguments.pop("response"), language, arguments
            )
        ] + replies

    def _render(
        self, sender: str, response_name: str, language: str, arguments: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return own_reply(self._renderer, sender, response_name, language, arguments)


def _stores(store: Any) -> list[Any]:
    """The stores behind Rasa's wrappers (fail-safe with its in-memory fallback, awaitable)."""
    found = []
    for inner in (getattr(store, "_tracker_store", None),
                  getattr(store, "_fallback_tracker_store", None)):
        if inner is not None:
            found += _stores(inner)
    return found or [store]


async def _delete_tracker(store: Any, sender: str) -> None:
    """Rasa 3.6 has no delete: remove the key from the in-memory dict and from Redis."""
    for inner in _stores(store):
        if isinstance(inner, InMemoryTrackerStore):
            inner.store.pop(sender, None)
        elif isinstance(inner, RedisTrackerStore):
            await asyncio.to_thread(inner.red.delete, inner.key_prefix + sender)
        else:
            raise RuntimeError(f"cannot delete from a {type(inner).__name__}")


def _office_kind(reply: dict[str, Any]) -> str | None:
    office = (reply.get("custom") or {}).get("office")
    return office.get("kind") if isinstance(office, dict) else None


def _replies_language(replies: list[dict[str, Any]]) -> str | None:
    """The language the turn was answered in (the conversation's), if any reply says."""
    for reply in replies:
        language = (reply.get("custom") or {}).get("language")
        if language:
            return str(language)
    return None
