"""An ASGI app served by uvicorn in a thread of the test process, on a real loopback port,
so tests call it over HTTP as a browser or client would."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from tests.support.servers import free_port

__all__ = ["serve_in_thread"]

STARTUP_SECONDS = 30


@contextmanager
def serve_in_thread(app: Any, host: str = "127.0.0.1", port: int | None = None,
                    lifespan: str = "off") -> Iterator[str]:
    """The app's base URL (http://host:port) until the block ends; a free port by default."""
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, ws="none",
                                           log_level="warning", lifespan=lifespan))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
