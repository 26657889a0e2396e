"""The web server: website widget, demo city page, library kiosk and staff console.

`create_app(settings)` builds it; `python -m bot.web --port 8080` runs it (docs/web.md).
Rasa and the action server are separate processes: the pages talk to Rasa's REST channel,
directly or through this server's relay at /bot/webhooks/rest/webhook.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.db import make_engine
from bot.web import admin, eligibility_api, public, staff
from bot.web.eligibility_client import EligibilityClient
from bot.web.models import require_web_tables
from bot.web.relay import Relay
from bot.web.reports_db import default_report_store
from bot.web.reports_source import NoReportStore, ReportStore
from bot.web.sessions import LoginCsrf
from bot.web.settings import WebSettings

__all__ = ["WebContext", "create_app"]

HERE = Path(__file__).resolve().parent


@dataclass
class WebContext:
    """What every page handler needs, built once per app."""

    settings: WebSettings
    engine: Engine
    templates: Jinja2Templates
    reports: ReportStore
    eligibility: EligibilityClient
    relay: Relay
    login_csrf: LoginCsrf


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _relative(location: bytes) -> bytes:
    """Every redirect stays on this site: an absolute Location (Starlette builds one from
    the request's Host header, e.g. for a trailing slash) loses its scheme and host."""
    parts = urlsplit(location.decode("latin-1"))
    if not parts.scheme and not parts.netloc:
        return location
    path = "/" + parts.path.lstrip("/")
    return (path + (f"?{parts.query}" if parts.query else "")).encode("latin-1")


class SecurityHeaders:
    """Headers for every answer: no sniffing, no framing, and a strict CSP on our pages
    (scripts and styles only from this server, no inline code)."""

    def __init__(self, app: ASGIApp, connect_origins: str) -> None:
        self.app = app
        self.csp = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {connect_origins}; frame-ancestors 'none'; base-uri 'none'; "
            "form-action 'self'; object-src 'none'"
        ).replace("  ", " ")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = {
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"same-origin",
                    b"content-security-policy": self.csp.encode(),
                }
                if scope["path"].startswith("/staff"):
                    extra[b"cache-control"] = b"no-store"
                headers = [(name, _relative(value) if name.lower() == b"location" else value)
                           for name, value in headers]
                headers += [(name, value) for name, value in extra.items() if name not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class BodySizeLimit:
    """413 for a request that declares a body over `limit` bytes, before any of it is read;
    a body that turns out longer while streaming (chunked) ends the request with 413 too."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").strip()
        if declared.isdigit() and int(declared) > self.limit:
            await _too_large(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await _too_large(send)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Send) -> None:
    body = b'{"error": "the request is too large"}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def create_app(settings: WebSettings | None = None, *, reports: ReportStore | None = None,
               eligibility: EligibilityClient | None = None,
               engine: Engine | None = None) -> Starlette:
    """The web app. `reports` and `eligibility` replace the default stores (see
    bot/web/reports_source.py). At startup the web tables must exist (Alembic revision
    0004_web); the report store is the database's when its tables exist, else none."""
    settings = settings or WebSettings.from_env()
    engine = engine or make_engine(settings.database_url)
    # Errors must not carry what people typed (user names at sign-in) into the logs.
    engine.hide_parameters = True
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    context = WebContext(
        settings=settings,
        engine=engine,
        templates=templates,
        reports=reports or NoReportStore(),
        eligibility=eligibility or EligibilityClient(),
        relay=Relay(settings, engine),
        login_csrf=LoginCsrf(settings.secret_key),
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        require_web_tables(engine)
        if reports is None:
            context.reports = default_report_store(engine)
        yield
        await context.relay.close()

    routes: list[Any] = [
        *public.routes(context),
        *staff.routes(context),
        *admin.routes(context),
        *eligibility_api.routes(context.eligibility),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.web = context
    app.add_middleware(SecurityHeaders, connect_origins=_origin(settings.bot_url))
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)
    return app

