"""The web server started in this process against the real assistant, and a real browser."""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from bot.db import make_engine
from bot.web.accounts import create_user
from bot.web.app import create_app
from bot.web.models import create_web_tables
from bot.web.settings import WebSettings
from tests.support.servers import Assistant, free_port
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, axe_source
from tests.web.report_store import OFFICE_A, OFFICE_B, MemoryReportStore

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
    reports: MemoryReportStore


@pytest.fixture(scope="session")
def web_server(assistant: Assistant, sample_database: str) -> Iterator[WebServer]:
    settings = WebSettings(
        host="127.0.0.1", port=free_port(), bot_url=assistant.rasa_urls[0],
        database_url=sample_database, kiosk_idle_seconds=KIOSK_IDLE_SECONDS,
        kiosk_warning_seconds=KIOSK_WARNING_SECONDS, keep_unanswered_text=True,
    )
    engine = make_engine(settings.database_url)
    create_web_tables(engine)
    for name, (role, office) in USERS.items():
        create_user(engine, name, role, PASSWORD, office)
    reports = MemoryReportStore()
    app = create_app(settings, reports=reports, engine=engine)
    server = uvicorn.Server(uvicorn.Config(app, host=settings.host, port=settings.port,
                                           ws="none", log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    yield WebServer(f"http://{settings.host}:{settings.port}", settings, reports)
    server.should_exit = True
    thread.join(timeout=10)


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
