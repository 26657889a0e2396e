"""The staff console's sign-in and the pages of frontline and office staff.

Office staff see their own office's reports only. A report of another office, or one that
does not exist, is answered with the same 404, so a URL tells nothing about other offices.
"""
from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from anyio import to_thread
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.web.accounts import SignIn, authenticate
from bot.web.addresses import request_address
from bot.web.catalogue_view import search_services
from bot.web.eligibility_client import facts_from_form
from bot.web.reports_source import visible
from bot.web.sessions import StaffSession, end_session, start_session
from bot.web.staff_auth import (
    COOKIE,
    console_language,
    current_session,
    render,
    requires,
    session_lifetime,
)

if TYPE_CHECKING:
    from bot.web.app import WebContext

__all__ = ["routes"]

LOGIN_COOKIE = "staff_login"


def routes(web: WebContext) -> list[Route]:
    settings = web.settings
    secure = settings.secure_cookies

    def login_page(request: Request, status_code: int = 200, message: str | None = None,
                   name: str = "") -> Response:
        cookie, token = web.login_csrf.issue(request.cookies.get(LOGIN_COOKIE))
        response = render(web, request, "staff/login.html", None,
                          {"login_token": token, "message_key": message, "name": name,
                           "lockout_minutes": settings.login_lockout_minutes},
                          status_code=status_code)
        response.set_cookie(LOGIN_COOKIE, cookie, httponly=True, samesite="strict",
                            secure=secure, path="/staff")
        return response

    async def login(request: Request) -> Response:
        if request.method == "GET":
            if await current_session(web, request) is not None:
                return RedirectResponse("/staff", status_code=303)
            return login_page(request)
        form = await request.form()
        csrf_token = str(form.get("csrf_token", ""))
        if not web.login_csrf.valid(request.cookies.get(LOGIN_COOKIE), csrf_token):
            return login_page(request, 403, "staff.csrf")
        name = str(form.get("name", ""))[:80]
        result = await to_thread.run_sync(
            lambda: authenticate(web.engine, name, str(form.get("password", ""))[:1000],
                                 max_failures=settings.login_max_failures,
                                 lockout=timedelta(minutes=settings.login_lockout_minutes),
                                 address=request_address(request),
                                 max_failures_per_address=settings.login_max_failures_per_address))
        if result.outcome is SignIn.LOCKED:
            return login_page(request, 429, "staff.locked", name)
        if result.outcome is SignIn.WRONG or result.staff is None:
            return login_page(request, 401, "staff.login_failed", name)
        await to_thread.run_sync(end_session, web.engine, request.cookies.get(COOKIE))
        token, _session = await to_thread.run_sync(
            start_session, web.engine, result.staff, session_lifetime(web))
        response = RedirectResponse("/staff", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=secure,
                            path="/staff", max_age=settings.staff_session_minutes * 60)
        response.delete_cookie(LOGIN_COOKIE, path="/staff")
        return response

    @requires(web)
    async def logout(request: Request, session: StaffSession) -> Response:
        await to_thread.run_sync(end_session, web.engine, request.cookies.get(COOKIE))
        response = RedirectResponse("/staff/login", status_code=303)
        response.delete_cookie(COOKIE, path="/staff")
        return response

    @requires(web)
    async def home(request: Request, session: StaffSession) -> Response:
        return render(web, request, "staff/home.html", session)

    @requires(web, "frontline")
    async def eligibility(request: Request, session: StaffSession) -> Response:
        language = console_language(request)
        vocabulary = await web.eligibility.facts(language)
        values: dict[str, object] = {"facts": vocabulary, "answers": {}, "result": None}
        if vocabulary is not None and request.method == "POST":
            form = await request.form()
            values["answers"] = {key: str(value) for key, value in form.items()
                                 if key.startswith("fact_")}
            values["result"] = await web.eligibility.check(
                facts_from_form(vocabulary, form), language
            )
        return render(web, request, "staff/eligibility.html", session, values)

    @requires(web, "frontline")
    async def catalogue(request: Request, session: StaffSession) -> Response:
        query = request.query_params.get("q", "").strip()[:200]
        results = None
        if query:
            results = await to_thread.run_sync(
                search_services, web.engine, query, console_language(request))
        return render(web, request, "staff/catalogue.html", session,
                      {"query": query, "results": results})

    @requires(web, "office")
    async def reports(request: Request, session: StaffSession) -> Response:
        found = await to_thread.run_sync(web.reports.visible_to, session.staff)
        own = [report for report in found if visible(session.staff, report.office_id)]
        return render(web, request, "staff/reports.html", session,
                      {"reports": own, "available": web.reports.available})

    def not_found(request: Request, session: StaffSession) -> Response:
        return render(web, request, "staff/message.html", session,
                      {"message_key": "staff.not_found"}, status_code=404)

    @requires(web)
    async def report(request: Request, session: StaffSession) -> Response:
        reference = request.path_params["reference"][:100]
        detail = None
        if session.staff.role == "office":
            detail = await to_thread.run_sync(web.reports.get, session.staff, reference)
        if detail is None or not visible(session.staff, detail.summary.office_id):
            return not_found(request, session)
        if request.method == "POST":
            status = str((await request.form()).get("status", ""))
            if status in web.reports.statuses:
                await to_thread.run_sync(web.reports.set_status, session.staff, reference, status)
            return RedirectResponse(f"/staff/reports/{reference}?saved=1", status_code=303)
        return render(web, request, "staff/report.html", session, {
            "report": detail, "statuses": web.reports.statuses,
            "saved": request.query_params.get("saved") == "1",
        })

    return [
        Route("/staff", home),
        Route("/staff/login", login, methods=["GET", "POST"]),
        Route("/staff/logout", logout, methods=["POST"]),
        Route("/staff/eligibility", eligibility, methods=["GET", "POST"]),
        Route("/staff/catalogue", catalogue),
        Route("/staff/reports", reports),
        Route("/staff/reports/{reference}", report, methods=["GET", "POST"]),
    ]
