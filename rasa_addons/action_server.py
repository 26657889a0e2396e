"""The action server: Rasa SDK's custom actions and our NLG endpoint, in one process.

Rasa asks POST /nlg for every response it sends; we answer in the conversation's language
with the reply contract's `custom` fields (README, "Reply contract"). Run with
`python -m rasa_addons.action_server --host 127.0.0.1 --port 5055`; GET /health says
the process is up, GET /ready whether it can serve (its database answers), with reasons;
GET /machine-translation/figures gives the quality gate's counts per language pair.
"""
import argparse
import asyncio
import logging
import traceback
from typing import Any

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request

from actions.catalogue import current_catalogue
from bot.db import make_engine
from bot.language import SUPPORTED
from bot.machine_translation import from_environment as machine_translator
from bot.paths import domain_dir, translations_dir
from bot.reports.chat_texts import default_context
from bot.responses import ResponseRenderer, UnknownResponse
from bot.responses.message import conversation_language, reply_message, response_arguments
from bot.runtime.health import database_check, evaluate
from bot.runtime.logs import configure as configure_logs
from bot.runtime.metrics import PROMETHEUS_TEXT, exposition
from bot.settings import text, whole_number
from bot.translation import PoCatalogs

logger = logging.getLogger(__name__)
DEFAULT_PORT = 5055


def _action_name(request: Request) -> str:
    try:
        return str((request.json or {}).get("next_action") or "-")[:100]
    except Exception:  # an unreadable body has no action name
        return "-"


def create_server(actions_package: str = "actions") -> Sanic:
    app = create_app(actions_package)

    @app.exception(Exception)
    async def action_failed(request: Request, exception: Exception) -> response.HTTPResponse:
        """Replaces rasa_sdk's handler, which returns the whole tracker (every message and
        slot: names, e-mail addresses, phone numbers) in the error body, which Rasa then
        logs. We log and return the action's name and the error's type and stack only: an
        error's message may quote what the person typed."""
        action = _action_name(request)
        stack = "".join(traceback.format_tb(exception.__traceback__))
        logger.error("action %s failed: %s\n%s", action, type(exception).__name__, stack)
        return response.json(
            {"error": f"the action failed ({type(exception).__name__})", "action_name": action},
            status=500,
        )
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
        try:  # the catalogue's search index and service ranker (minutes on a new machine)
            await asyncio.to_thread(current_catalogue)
        except Exception:  # no catalogue loaded yet: it is read at the first question
            logger.exception("the catalogue could not be read at start")

    engine = make_engine()
    readiness_checks = {"database": database_check(engine)}

    @app.get("/metrics")
    async def metrics(_: Request) -> response.HTTPResponse:
        """Prometheus: reports filed and delivered, outbox backlog (bot/runtime/metrics.py)."""
        page = await asyncio.to_thread(exposition, engine)
        return response.text(page, content_type=PROMETHEUS_TEXT)

    @app.get("/ready")
    async def ready(_: Request) -> response.HTTPResponse:
        """200 when the database answers, else 503 with the reason (bot/runtime/health.py);
        /health (Rasa SDK's) only says the process is up."""
        readiness = await asyncio.to_thread(evaluate, readiness_checks)
        return response.json(readiness.as_json(), status=readiness.status)

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
    parser.add_argument("--host", default=text("ACTIONS_HOST", "127.0.0.1"),
                        help="address to listen on (env ACTIONS_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=whole_number("ACTIONS_PORT", DEFAULT_PORT))
    arguments = parser.parse_args()
    configure_logs()  # LOG_FORMAT=json for one JSON object a line
    create_server().run(
        host=arguments.host, port=arguments.port, workers=1, access_log=False, motd=False
    )


if __name__ == "__main__":
    main()
