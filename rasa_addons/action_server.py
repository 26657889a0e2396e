"""The action server: Rasa SDK's custom actions and our NLG endpoint, in one process.

Rasa asks POST /nlg for every response it sends; we answer in the conversation's language
with the reply contract's `custom` fields (README, "Reply contract"). GET
/machine-translation/figures gives the quality gate's counts per language pair. Run with
`python -m rasa_addons.action_server --port 5055`.
"""
import argparse
import asyncio
import logging
from typing import Any

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request

from bot.language import SUPPORTED
from bot.machine_translation import from_environment as machine_translator
from bot.paths import domain_dir, translations_dir
from bot.reports.chat_texts import default_context
from bot.responses import ResponseRenderer, UnknownResponse
from bot.responses.message import conversation_language, reply_message, response_arguments
from bot.translation import PoCatalogs

logger = logging.getLogger(__name__)
DEFAULT_PORT = 5055


def create_server(actions_package: str = "actions") -> Sanic:
    app = create_app(actions_package)
    machine = machine_translator()
    renderer = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()), machine)

    @app.before_server_start
    async def warm_up(*_: Any) -> None:
        """Load translation models and safety data once, before the first person waits."""
        # Only pairs between languages we speak: an X -> en package for a language we do
        # not speak (zh) serves the Rasa process's understanding, never a response here.
        pairs = machine.warm_up([
            (package.source, package.target)
            for package in machine.installed()
            if package.source in SUPPORTED and package.target in SUPPORTED
        ])
        logger.info("machine translation ready for %d language pairs", len(pairs))
        default_context()  # routing table and danger phrase lists, read before any message

    @app.post("/nlg")
    async def nlg(request: Request) -> response.HTTPResponse:
        body = request.json or {}
        slots = (body.get("tracker") or {}).get("slots") or {}
        language = conversation_language(slots)
        arguments = response_arguments(language, slots, body.get("arguments") or {})
        try:
            # Machine translation is CPU work: keep the event loop free for other turns.
            reply = await asyncio.to_thread(
                renderer.render, str(body.get("response")), language, arguments
            )
        except UnknownResponse as unknown:
            logger.error("NLG asked for an unknown response %s", unknown)
            return response.json({"error": f"unknown response {unknown}"}, status=404)
        return response.json(reply_message(reply))

    @app.get("/machine-translation/figures")
    async def machine_translation_figures(_: Request) -> response.HTTPResponse:
        """Machine translations shown and withheld by the quality gate, per language pair
        and reason, since this process started (monitoring; no text)."""
        return response.json({"pairs": machine.counts.figures()})

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    create_server().run(
        host=arguments.host, port=arguments.port, workers=1, access_log=False, motd=False
    )


if __name__ == "__main__":
    main()
