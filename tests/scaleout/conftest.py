"""The product on two application hosts, a data host and a balancer (cluster.py), built
once for the scale-out tests and removed at the end, namespaces and all."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.throwaway_postgres import postgres_bin_dir
from tests.faults.throwaway_redis import redis_server_binary
from tests.reports.conftest import Inbox
from tests.scaleout.cluster import Cluster, haproxy_binary, running
from tests.scaleout.network import unavailable
from tests.support.servers import free_port


def _why_not() -> str | None:
    reason = unavailable()
    if reason:
        return reason
    if haproxy_binary() is None:
        return "HAProxy is not installed (scripts/test-services.sh installs Debian's haproxy)"
    if redis_server_binary() is None or postgres_bin_dir() is None:
        return "redis-server or PostgreSQL's server binaries are not installed"
    return None


#: Closing notes of the scale-out tests, printed at the end of the run.
NOTES: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for note in NOTES:
        terminalreporter.write_line(note)


class Mailroom:
    """The test's own SMTP server, on the client host's address."""

    def __init__(self, host: str) -> None:
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname=host, port=self.port)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture(scope="package")
def cluster(trained_model: Path) -> Iterator[tuple[Cluster, Mailroom]]:
    reason = _why_not()
    if reason:
        pytest.skip(f"scale-out test needs network namespaces and HAProxy: {reason}")
    mailrooms: list[Mailroom] = []

    def smtp_port(client_address: str) -> int:
        mailroom = Mailroom(client_address)
        mailroom.start()
        mailrooms.append(mailroom)
        return mailroom.port

    try:
        with running(trained_model, smtp_port) as product:
            yield product, mailrooms[0]
    finally:
        for mailroom in mailrooms:
            mailroom.stop()
