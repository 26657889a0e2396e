"""Who is asking, for every staff page: the session behind the cookie, the role check and
the CSRF check on every form, and rendering in the staff member's language."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from functools import wraps
from typing import TYPE_CHECKING, Any

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.language import SUPPORTED, text_direction
from bot.web.sessions import StaffSession, load_session, tokens_match
from bot.web.ui_strings import UI_STRINGS, entry, translate

if TYPE_CHECKING:
    from bot.web.app import WebContext

__all__ = ["COOKIE", "StaffPage", "console_language", "render", "requires"]

COOKIE = "staff_session"
Handler = Callable[[Request, StaffSession], Awaitable[Response]]
StaffPage = Callable[[Request], Awaitable[Response]]

NAVIGATION: dict[str, list[tuple[str, str]]] = {
    "frontline": [
        ("/staff/eligibility", "staff.eligibility"),
        ("/staff/catalogue", "staff.catalogue"),
    ],
    "office": [("/staff/reports", "staff.reports")],
    "admin": [
        ("/staff/admin/catalogue", "staff.admin_catalogue"),
        ("/staff/admin/translations", "staff.coverage"),
        ("/staff/admin/unanswered", "staff.unanswered"),
        ("/staff/admin/monitoring", "staff.monitoring"),
    ],
}


def _complete(language: str) -> bool:
    return all(
        entry(key, language)[1] == language for key in UI_STRINGS if key.startswith("staff.")
    )


def console_language(request: Request) -> str:
    """The first language the browser asks for whose console strings are all translated."""
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code == "en":
            return "en"
        if code in SUPPORTED and _complete(code):
            return code
    return "en"


def render(web: WebContext, request: Request, template: str, session: StaffSession | None,
           values: dict[str, Any] | None = None, status_code: int = 200,
           headers: dict[str, str] | None = None) -> Response:
    language = console_language(request)

    def text(key: str, **fill: Any) -> str:
        return translate(key, language, **fill)

    context = {
        "language": language,
        "direction": text_direction(language),
        "t": text,
        "t_lang": lambda key: entry(key, language)[1],
        "session": session,
        "staff": session.staff if session else None,
        "csrf_token": session.csrf_token if session else "",
        "navigation": NAVIGATION.get(session.staff.role, []) if session else [],
        "current_path": request.url.path,
        **(values or {}),
    }
    return web.templates.TemplateResponse(request, template, context, status_code=status_code,
                                          headers=headers)


async def current_session(web: WebContext, request: Request) -> StaffSession | None:
    return await to_thread.run_sync(load_session, web.engine, request.cookies.get(COOKIE))


def requires(web: WebContext, *roles: str) -> Callable[[Handler], StaffPage]:
    """A page for the given roles (any role if none): sign-in first, then the role, then
    for a POST the form's CSRF token."""

    def decorate(handler: Handler) -> StaffPage:
        @wraps(handler)
        async def page(request: Request) -> Response:
            session = await current_session(web, request)
            if session is None:
                return RedirectResponse("/staff/login", status_code=303)
            if roles and session.staff.role not in roles:
                return render(web, request, "staff/message.html", session,
                              {"message_key": "staff.forbidden"}, status_code=403)
            if request.method == "POST":
                form = await request.form()
                given = form.get("csrf_token")
                if not tokens_match(session.csrf_token, given if isinstance(given, str) else None):
                    return render(web, request, "staff/message.html", session,
                                  {"message_key": "staff.csrf"}, status_code=403)
            return await handler(request, session)

        return page

    return decorate


def session_lifetime(web: WebContext) -> timedelta:
    return timedelta(minutes=web.settings.staff_session_minutes)
