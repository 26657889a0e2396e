"""A PostgreSQL server of the test's own, which the test may stop and start at will.

Never the machine's server: a fresh cluster (initdb) on a free loopback port, so a test can
take the database away from a running product without touching anyone else's data. The
cluster lives in a temporary folder outside pytest's (which only root may enter), owned by
the `postgres` user when the tests run as root, since PostgreSQL refuses to run as root.
"""
from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.support.servers import free_port

SERVER_USER = "postgres"
DATABASE = "city"


def postgres_bin_dir() -> Path | None:
    """The folder with initdb and pg_ctl (PATH, else the newest Debian cluster version)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def _as_server_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError as missing:
        raise RuntimeError(f"running as root needs a {SERVER_USER!r} user") from missing
    return ["runuser", "-u", SERVER_USER, "--"]


@dataclass
class ThrowawayPostgres:
    port: int = field(default_factory=free_port)
    data: Path | None = None

    @property
    def server_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def url(self) -> str:
        """The product's database on this server (created by `create`)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def create(self) -> None:
        """initdb, start, and create the empty product database."""
        bin_dir = postgres_bin_dir()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
        self._bin = bin_dir
        self.data = Path(tempfile.mkdtemp(prefix="throwaway-postgres-"))
        if os.geteuid() == 0:
            shutil.chown(self.data, SERVER_USER)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        self.start()
        admin = create_engine(self.server_url, isolation_level="AUTOCOMMIT", future=True)
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{DATABASE}"'))
        finally:
            admin.dispose()

    def start(self) -> None:
        assert self.data is not None, "create() first"
        options = f"-h 127.0.0.1 -p {self.port} -k {self.data} -F"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-w",
                  "-o", options, "start")

    def stop(self) -> None:
        """Stops the server as a crash would (immediate mode: open connections just end)."""
        if self.is_running():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def is_running(self) -> bool:
        if self.data is None:
            return False
        status = subprocess.run(
            [*_as_server_user(), str(self._bin / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True, check=False,
        )
        return status.returncode == 0

    def remove(self) -> None:
        self.stop()
        if self.data is not None:
            shutil.rmtree(self.data, ignore_errors=True)
            self.data = None

    def _run(self, program: str, *arguments: str) -> None:
        subprocess.run([*_as_server_user(), str(self._bin / program), *arguments],
                       check=True, capture_output=True)
