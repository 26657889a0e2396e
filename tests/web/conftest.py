"""The web server started in this process against the real assistant, and a real browser."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from starlette.applications import Starlette

from bot.db import make_engine
from bot.web.accounts import create_user
from bot.web.app import create_app
from bot.web.reports_source import ReportStore
from bot.web.settings import WebSettings
from tests.support.in_process import serve_in_thread
from tests.support.servers import Assistant, free_port
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, axe_source
from tests.web.report_store import OFFICE_A, OFFICE_B, MemoryReportStore, file_sample_reports

# A reply comes from a real model on a two-core machine that runs other tests: the first
# message in a language can take several seconds (speed is measured by the benchmarks, not
# here), so expectations wait as long as page actions do, not Playwright's 5 s.
expect.set_options(timeout=30_000)

PASSWORD = "a long test password 1"
USERS = {
    "fiona": ("frontline", None),
    "anna": ("office", OFFICE_A),
    "bruno": ("office", OFFICE_B),
    "adam": ("admin", None),
    "lena": ("office", OFFICE_A),
}
KIOSK_IDLE_SECONDS = 3
KIOSK_WARNING_SECONDS = 2


@dataclass
class WebServer:
    url: str
    settings: WebSettings
    reports: ReportStore


@contextmanager
def serve(app: Starlette, settings: WebSettings) -> Iterator[str]:
    """The app on uvicorn in a thread of this process, until the block ends."""
    with serve_in_thread(app, settings.host, settings.port, lifespan="on") as url:
        yield url


def _settings(assistant: Assistant, database: str) -> WebSettings:
    return WebSettings(
        host="127.0.0.1", port=free_port(), bot_url=assistant.rasa_urls[0],
        database_url=database, kiosk_idle_seconds=KIOSK_IDLE_SECONDS,
        kiosk_warning_seconds=KIOSK_WARNING_SECONDS, keep_unanswered_text=True,
    )


@pytest.fixture(scope="session")
def web_server(assistant: Assistant, sample_database: str) -> Iterator[WebServer]:
    """On the in-memory report store (tests/web/report_store.py), which filters nothing."""
    settings = _settings(assistant, sample_database)
    engine = make_engine(settings.database_url)
    for name, (role, office) in USERS.items():
        create_user(engine, name, role, PASSWORD, office)
    reports = MemoryReportStore()
    with serve(create_app(settings, reports=reports, engine=engine), settings) as url:
        yield WebServer(url, settings, reports)


@pytest.fixture(scope="session")
def filed_reports(sample_database: str) -> dict[str, str]:
    """Two reports filed as the chat files them (bot.reports.file_report): office -> reference."""
    return file_sample_reports(make_engine(sample_database))


@pytest.fixture(scope="session")
def db_web_server(web_server: WebServer, filed_reports: dict[str, str],
                  assistant: Assistant, sample_database: str) -> Iterator[WebServer]:
    """The app as deployed: no store passed in, so it reads the reports tables itself
    (same database and staff accounts as `web_server`)."""
    settings = _settings(assistant, sample_database)
    app = create_app(settings)
    with serve(app, settings) as url:
        yield WebServer(url, settings, app.state.web.reports)


@pytest.fixture(scope="session")
def axe() -> str:
    return axe_source()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-GB")
    opened.set_default_timeout(30_000)
    yield opened
    opened.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
