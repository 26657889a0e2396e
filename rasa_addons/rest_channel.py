"""Rasa's REST channel with our input checks in front (bot/inbound.py, bot/rate_limit.py).

It keeps the name "rest", so the webhook stays POST /webhooks/rest/webhook, and every
reply keeps the contract: a polite reply we make ourselves carries `custom` like any other.
"""
import asyncio
import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.inbound import Accepted, PoliteReply, Rejected, check_request, reply_language
from bot.paths import domain_dir, translations_dir
from bot.rate_limit import address_limiter, sender_limiter
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs

logger = logging.getLogger(__name__)


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        self._renderer = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))
        self._per_sender = sender_limiter()
        self._per_address = address_limiter()

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "GuardedRestInput":
        return cls()

    def _polite(self, reply: PoliteReply) -> list[dict[str, Any]]:
        rendered = self._renderer.render(reply.response, reply.language, reply.arguments)
        return [
            {"recipient_id": reply.sender, "text": rendered.text},
            {"recipient_id": reply.sender, "custom": rendered.custom()},
        ]

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint("guarded_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            if not self._per_address.allow(request.remote_addr or request.ip or "-"):
                return response.json({"error": "too many messages from this address"}, status=429)
            checked = check_request(request.body or b"")
            if isinstance(checked, Rejected):
                return response.json({"error": checked.error}, status=checked.status)
            if not self._per_sender.allow(checked.sender):
                return response.json(
                    self._polite(_polite_reply(checked, "utter_too_many_messages")),
                    status=429,
                )
            if isinstance(checked, PoliteReply):
                return response.json(self._polite(checked))
            return response.json(await self._answer(on_new_message, checked))

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
            return self._polite(_polite_reply(message, "utter_technical_problem"))
        if not collector.messages:
            # Rasa carries on when an action fails (e.g. the action server is down) and
            # says nothing at all; the person must at least learn that something failed.
            logger.error("no reply to a message of %s: answering with an apology", message.sender)
            return self._polite(_polite_reply(message, "utter_technical_problem"))
        return collector.messages


def _polite_reply(checked: Accepted | PoliteReply, response_name: str) -> PoliteReply:
    if isinstance(checked, PoliteReply):
        return PoliteReply(checked.sender, response_name, checked.language, {})
    language = reply_language(checked.metadata, checked.text)
    return PoliteReply(checked.sender, response_name, language, {})
