"""The web server in this process in front of the hardened product (Redis-backed limits)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from bot.db import make_engine
from bot.web.app import create_app
from bot.web.settings import WebSettings
from tests.hardening.conftest import Hardened
from tests.support.in_process import serve_in_thread
from tests.support.servers import free_port


@contextmanager
def relay_in_front(hardened: Hardened, **limits: str) -> Iterator[str]:
    """The web server's base URL; its relay reaches the hardened Rasa. `limits` are
    environment variables for the relay's own limiter (CHAT_RATE_PER_ADDRESS)."""
    settings = WebSettings(host="127.0.0.1", port=free_port(), bot_url=hardened.rasa_url,
                           database_url=f"sqlite:///{hardened.database_path}")
    environment = {"REDIS_URL": hardened.redis_url, "CHAT_RATE_PER_ADDRESS": "300", **limits}
    with mock.patch.dict(os.environ, environment):
        app = create_app(settings, engine=make_engine(settings.database_url))
    with serve_in_thread(app, settings.host, settings.port, lifespan="on") as url:
        yield url
