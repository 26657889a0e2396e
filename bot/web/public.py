"""The public pages: the demo city page, the widget script, the kiosk, service pages
(the widget's source links), office cards (the kiosk slip) and the relay to Rasa."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.language import LANGUAGE_NAMES, SUPPORTED, text_direction
from bot.runtime.web_health import ready_route
from bot.web.catalogue_view import office_card, service_page
from bot.web.ui_strings import entry, strings_for, translate

if TYPE_CHECKING:
    from bot.web.app import WebContext

__all__ = ["page_language", "routes"]

STATIC = Path(__file__).resolve().parent / "static"
# The widget is one script: the shared chat core, then the widget's own interface.
WIDGET_PARTS = ("chat-core.js", "widget.js")


def page_language(request: Request, default: str = "en") -> str:
    language = request.query_params.get("lang", "")
    return language if language in SUPPORTED else default


def languages() -> list[dict[str, str]]:
    return [{"code": code, "name": LANGUAGE_NAMES[code], "dir": text_direction(code)}
            for code in SUPPORTED]


@lru_cache(maxsize=1)
def _widget_source() -> str:
    return "\n".join((STATIC / part).read_text(encoding="utf-8") for part in WIDGET_PARTS)


def _texts(language: str) -> tuple[Callable[..., str], Callable[[str], str]]:
    def text(key: str, **values: Any) -> str:
        return translate(key, language, **values)

    def text_lang(key: str) -> str:
        return entry(key, language)[1]

    return text, text_lang


def routes(web: WebContext) -> list[Route]:
    templates = web.templates
    settings = web.settings

    async def demo(request: Request) -> Response:
        language = page_language(request)
        text, text_lang = _texts(language)
        return templates.TemplateResponse(request, "demo.html", {
            "language": language, "direction": text_direction(language),
            "t": text, "t_lang": text_lang,
        })

    async def widget(request: Request) -> Response:
        return Response(_widget_source(), media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "no-cache",
                                 "Access-Control-Allow-Origin": "*"})

    async def ui_strings(request: Request) -> Response:
        language = request.path_params["language"]
        if language not in SUPPORTED:
            return JSONResponse({"error": "unknown language"}, 404)
        return JSONResponse(
            {"language": language, "direction": text_direction(language),
             "strings": strings_for(language), "languages": languages()},
            headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "max-age=300"},
        )

    async def kiosk(request: Request) -> Response:
        language = settings.kiosk_language
        text, text_lang = _texts(language)
        return templates.TemplateResponse(request, "kiosk.html", {
            "language": language, "direction": text_direction(language),
            "t": text, "t_lang": text_lang, "languages": languages(),
            "idle_seconds": settings.kiosk_idle_seconds,
            "warning_seconds": settings.kiosk_warning_seconds,
        }, headers={"Cache-Control": "no-store"})

    async def service(request: Request) -> Response:
        language = page_language(request)
        text, text_lang = _texts(language)
        found = await to_thread.run_sync(
            service_page, web.engine, request.path_params["service_id"], language)
        return templates.TemplateResponse(request, "service.html", {
            "language": language, "direction": text_direction(language),
            "t": text, "t_lang": text_lang, "service": found,
        }, status_code=200 if found else 404)

    async def office(request: Request) -> Response:
        language = page_language(request)
        card = await to_thread.run_sync(
            office_card, web.engine, request.path_params["office_id"], language)
        if card is None:
            return JSONResponse({"error": "unknown office"}, 404)
        card["name"] = {"text": card["name"].text, "lang": card["name"].lang}
        return JSONResponse(card, headers={"Access-Control-Allow-Origin": "*"})

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    return [
        Route("/", demo),
        Route("/widget.js", widget),
        Route("/ui/{language}.json", ui_strings),
        Route("/kiosk", kiosk),
        Route("/services/{service_id}", service),
        Route("/offices/{office_id}.json", office),
        Route("/health", health),
        ready_route(web.engine),  # 503 with the reason when the database does not answer
        Route("/bot/webhooks/rest/webhook", web.relay.forward, methods=["POST"]),
        Route("/bot/webhooks/rest/webhook", web.relay.preflight, methods=["OPTIONS"]),
        Route("/bot/webhooks/rest/forget", web.relay.forget, methods=["POST"]),
    ]
