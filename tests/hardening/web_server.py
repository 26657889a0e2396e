"""The web server in this process on a migrated database, without Rasa (sign-in, headers,
sizes): SQLite and a throwaway PostgreSQL database."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2
from sqlalchemy.engine import Engine

from bot.catalogue.migrate import upgrade
from bot.db import make_engine
from bot.web.app import create_app
from bot.web.settings import WebSettings
from tests.support.in_process import serve_in_thread
from tests.support.postgres import throwaway_database
from tests.support.servers import free_port

PASSWORD = "a long test password 1"


@contextmanager
def database(backend: str, tmp_path: Path) -> Iterator[Engine]:
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'web.sqlite3'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    with throwaway_database("test_hardening") as url:
        engine = make_engine(url)
        upgrade(engine)
        yield engine
        engine.dispose()


@contextmanager
def web_server(engine: Engine, bot_url: str = "http://127.0.0.1:9", **settings: object
               ) -> Iterator[str]:
    configured = WebSettings(host="127.0.0.1", port=free_port(), bot_url=bot_url,
                             database_url=str(engine.url), **settings)  # type: ignore[arg-type]
    with serve_in_thread(create_app(configured, engine=engine), "127.0.0.1", configured.port,
                         lifespan="on") as url:
        yield url


def sign_in(url: str, name: str, password: str, address: str | None = None) -> int:
    """One sign-in attempt by a fresh browser (its own CSRF cookie): the HTTP status."""
    headers = {"X-Forwarded-For": address} if address else {}
    with httpx2.Client(base_url=url, follow_redirects=False, timeout=60, headers=headers) as client:
        form = client.get("/staff/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        return client.post("/staff/login", data={"csrf_token": token, "name": name,
                                                 "password": password}).status_code
