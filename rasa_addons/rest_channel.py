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
from bot.reports.safety import emergency_messages
from bot.responses import ResponseRenderer
from bot.responses.message import response_arguments
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
        return self._render(reply.sender, reply.response, reply.language, dict(reply.arguments))

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
        replies = collector.messages
        if not replies:
            # Rasa carries on when an action fails (e.g. the action server is down) and
            # says nothing at all; the person must at least learn that something failed.
            logger.error("no reply to a message of %s: answering with an apology", message.sender)
            replies = self._polite(_polite_reply(message, "utter_technical_problem"))
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
            for rendered in self._render(message.sender, arguments.pop("response"), language, arguments)
        ] + replies

    def _render(
        self, sender: str, response_name: str, language: str, arguments: dict[str, Any]
    ) -> list[dict[str, Any]]:
        rendered = self._renderer.render(
            response_name, language, response_arguments(language, {}, arguments)
        )
        return [
            {"recipient_id": sender, "text": rendered.text},
            {"recipient_id": sender, "custom": rendered.custom()},
        ]


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


def _polite_reply(checked: Accepted | PoliteReply, response_name: str) -> PoliteReply:
    if isinstance(checked, PoliteReply):
        return PoliteReply(checked.sender, response_name, checked.language, {})
    language = reply_language(checked.metadata, checked.text)
    return PoliteReply(checked.sender, response_name, language, {})
