"""The administrator's pages: catalogue reload, translation coverage, unanswered
questions and the anonymous monitoring figures (also as CSV, for the city to publish)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.catalogue import CatalogueError, load_into_database
from bot.language import LANGUAGE_NAMES, SUPPORTED
from bot.paths import catalogue_dir, translations_dir
from bot.translation import PoCatalogs
from bot.web import ui_strings
from bot.web.sessions import StaffSession
from bot.web.staff_auth import render, requires
from bot.web.usage import Figures, figures, figures_csv, unanswered_by_day, unanswered_texts

if TYPE_CHECKING:
    from bot.web.app import WebContext

__all__ = ["Coverage", "routes", "translation_coverage"]


@dataclass(frozen=True)
class Coverage:
    language: str
    name: str
    responses: tuple[int, int]
    web: tuple[int, int]


def _response_messages() -> list[tuple[str, str]]:
    from bot.translation.sources import text_domains

    messages = []
    for name, provider in text_domains().items():
        if name != "web":
            messages += [(message.context, message.text) for message in provider()]
    return messages


def translation_coverage() -> list[Coverage]:
    """Per language: curated translations of the assistant's texts and of the web pages."""
    catalogs = PoCatalogs(translations_dir())
    messages = _response_messages()
    rows = []
    for language in SUPPORTED:
        if language == "en":
            done = len(messages)
        else:
            done = sum(1 for context, text in messages if catalogs.lookup(context, text, language))
        rows.append(Coverage(language, LANGUAGE_NAMES[language], (done, len(messages)),
                             ui_strings.coverage(language)))
    return rows


def routes(web: WebContext) -> list[Route]:
    @requires(web, "admin")
    async def catalogue(request: Request, session: StaffSession) -> Response:
        values: dict[str, object] = {"folder": str(catalogue_dir())}
        if request.method == "POST":
            try:
                report = await to_thread.run_sync(load_into_database, catalogue_dir(), web.engine)
                values["done"] = report.summary()
            except CatalogueError as error:
                values["error"] = str(error)
        return render(web, request, "staff/admin_catalogue.html", session, values)

    @requires(web, "admin")
    async def translations(request: Request, session: StaffSession) -> Response:
        rows = await to_thread.run_sync(translation_coverage)
        return render(web, request, "staff/admin_translations.html", session, {"rows": rows})

    @requires(web, "admin")
    async def unanswered(request: Request, session: StaffSession) -> Response:
        by_day = await to_thread.run_sync(unanswered_by_day, web.engine)
        texts = await to_thread.run_sync(unanswered_texts, web.engine)
        return render(web, request, "staff/admin_unanswered.html", session,
                      {"by_day": by_day, "texts": texts,
                       "keeping_texts": web.settings.keep_unanswered_text})

    async def _figures() -> Figures:
        counts = await to_thread.run_sync(web.reports.counts_by_office_and_type)
        return await to_thread.run_sync(figures, web.engine, counts)

    @requires(web, "admin")
    async def monitoring(request: Request, session: StaffSession) -> Response:
        data = await _figures()
        rate = data.unanswered_rate
        return render(web, request, "staff/admin_monitoring.html", session,
                      {"figures": data, "rate": "–" if rate is None else f"{rate:.0%}"})

    @requires(web, "admin")
    async def monitoring_csv(request: Request, session: StaffSession) -> Response:
        data = await _figures()
        return Response(figures_csv(data), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": 'attachment; filename="city-assistant-figures.csv"'})

    return [
        Route("/staff/admin/catalogue", catalogue, methods=["GET", "POST"]),
        Route("/staff/admin/translations", translations),
        Route("/staff/admin/unanswered", unanswered),
        Route("/staff/admin/monitoring", monitoring),
        Route("/staff/admin/monitoring.csv", monitoring_csv),
    ]
