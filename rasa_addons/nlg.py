"""Renders responses inside the Rasa server, asking the action server only for machine translation.

Every response a person gets goes through NLG. Rasa's callback NLG sends each one to
the action server over HTTP with the whole conversation serialised as JSON; nearly all
responses have a curated translation, which takes a dictionary look-up here. Only a
response that would need machine translation (no curated text in the person's language)
is passed on to the action server's /nlg, which holds the translation models, so the
models stay in one process however many Rasa servers a city runs.

endpoints.yml:

    nlg:
      type: rasa_addons.nlg.RenderingNLG
      url: "http://127.0.0.1:5055/nlg"
"""
from __future__ import annotations

import logging
from typing import Any

from rasa.core.nlg.callback import CallbackNaturalLanguageGenerator
from rasa.core.nlg.generator import NaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.machine_translation.types import MachineResult
from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer, UnknownResponse
from bot.responses.message import conversation_language, reply_message, response_arguments
from bot.translation import PoCatalogs

logger = logging.getLogger(__name__)


class _MachineTranslationElsewhere(Exception):
    """The response needs a machine translation, which the action server makes."""


class _ActionServerTranslates:
    """Stands in for the translation models: any call means 'ask the action server'."""

    def translate(self, text: str, source: str, target: str) -> MachineResult | None:
        raise _MachineTranslationElsewhere

    def available_pairs(self) -> set[tuple[str, str]]:
        return set()


class RenderingNLG(NaturalLanguageGenerator):
    def __init__(self, endpoint_config: EndpointConfig, domain: Domain | None = None) -> None:
        self._renderer = ResponseRenderer(
            domain_dir(), PoCatalogs(translations_dir()), _ActionServerTranslates()
        )
        self._action_server = CallbackNaturalLanguageGenerator(endpoint_config)

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        slots = tracker.current_slot_values()
        language = conversation_language(slots)
        given = {key: value for key, value in kwargs.items() if key != "domain_responses"}
        try:
            reply = self._renderer.render(
                utter_action, language, response_arguments(language, slots, given)
            )
        except _MachineTranslationElsewhere:
            return await self._action_server.generate(
                utter_action, tracker, output_channel, **kwargs
            )
        except UnknownResponse:
            logger.error("NLG asked for an unknown response %s", utter_action)
            return None
        return reply_message(reply)
