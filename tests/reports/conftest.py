"""Real components for the reports tests: a throwaway PostgreSQL database, SQLite files,
and an SMTP server on loopback (aiosmtpd) that can be stopped and started on its port."""
from __future__ import annotations

import asyncio
import dataclasses
import email
import email.policy
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.db import Base, make_engine, session_factory
from bot.reports import (
    Contact,
    ReportDraft,
    RoutingTable,
    classify,
    load_routing_table,
    report_tables,
    route,
)
from bot.reports.settings import SmtpSettings
from tests.support.postgres import BACKENDS, throwaway_database

NOW = datetime(2026, 3, 2, 10, 0)


@pytest.fixture(scope="session")
def routes() -> RoutingTable:
    return load_routing_table()


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    """A database of its own for this test session, dropped at the end."""
    with throwaway_database("reports_test") as url:
        engine = make_engine(url)
        try:
            Base.metadata.create_all(engine, tables=report_tables())
            yield engine
        finally:
            engine.dispose()


def _truncate(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE report_outbox, report_status_changes, reports "
                                "RESTART IDENTITY CASCADE"))


@pytest.fixture
def pg(postgres_engine: Engine) -> Iterator[Engine]:
    """The PostgreSQL database, emptied after the test."""
    try:
        yield postgres_engine
    finally:
        _truncate(postgres_engine)


def _sqlite_engine(folder: Path) -> Engine:
    engine = make_engine(f"sqlite:///{folder / 'reports.sqlite3'}")
    Base.metadata.create_all(engine, tables=report_tables())
    return engine


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """Each test that uses it runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        sqlite = _sqlite_engine(tmp_path)
        yield sqlite
        sqlite.dispose()
    else:
        yield request.getfixturevalue("pg")


@pytest.fixture
def sessions(engine: Engine):
    return session_factory(engine)


@pytest.fixture
def make_draft(routes: RoutingTable) -> Callable[..., ReportDraft]:
    """A draft as the chat would build it: classified, routed, with the person's answers."""

    def build(message: str = "Two men attacked me at the bus stop and called me names.",
              language: str = "en", **answers) -> ReportDraft:
        incident = classify(message, routes, language).incident
        if "anonymous" in answers:
            incident = dataclasses.replace(incident, anonymous=answers["anonymous"])
        answers.setdefault("description", message)
        if isinstance(answers.get("contact"), dict):
            answers["contact"] = Contact(**answers["contact"])
        return ReportDraft(incident=incident, decision=route(incident, routes),
                           language=language, **answers)

    return build


# --- SMTP ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """What the test SMTP server accepted. `reply` (e.g. "451 ...") refuses every message;
    `hold` makes the server wait inside DATA until released, then refuse."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.reply: str | None = None
        self.hold = threading.Event()
        self.in_data = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.hold.is_set():
            self.in_data.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 held by the test and refused"
        if self.reply:
            return self.reply
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 2.0.0 OK"

    def message_ids(self) -> list[str]:
        return [message["Message-ID"] for _, message in self.messages]


class SmtpServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self, **changes) -> SmtpSettings:
        values = dict(host="127.0.0.1", port=self.port, timeout_seconds=5,
                      from_address="meldungen@lindenbruck.example")
        values.update(changes)
        return SmtpSettings(**values)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.inbox.release.set()
        server.stop()
