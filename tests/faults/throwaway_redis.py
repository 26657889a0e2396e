"""A Redis server of the test's own, which the test may stop and start at will.

Never the machine's Redis: a fresh redis-server on a free loopback port, keeping nothing
on disk (--save "", no append-only file), so a restart starts empty like a lost server.
"""
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis

from tests.support.servers import free_port

READY_SECONDS = 20


def redis_server_binary() -> str | None:
    found = shutil.which("redis-server")
    if found is None and Path("/usr/bin/redis-server").exists():
        found = "/usr/bin/redis-server"
    return found


@dataclass
class ThrowawayRedis:
    directory: Path
    port: int = field(default_factory=free_port)
    popen: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def start(self) -> None:
        binary = redis_server_binary()
        if binary is None:
            raise RuntimeError("redis-server is not installed")
        log = (self.directory / "redis.log").open("ab")
        self.popen = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def is_running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def shutdown_nosave(self) -> None:
        """Stops the server as a crash would: SHUTDOWN NOSAVE, nothing kept."""
        try:
            self.client().shutdown(nosave=True)
        except redis.ConnectionError:
            pass
        if self.popen is not None:
            self.popen.wait(timeout=20)

    def stop(self) -> None:
        if self.is_running():
            self.shutdown_nosave()
