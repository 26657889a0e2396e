"""The product spread over hosts as a city would run it, on one machine (network.py).

    client (this test) ── balancer: HAProxy, round robin, health checks on Rasa's readiness
                            ├── app1: Rasa, action server, outbox worker
                            └── app2: Rasa, action server, outbox worker
                          data: Redis (conversations, locks), PostgreSQL (catalogue, reports)

Each application host's Rasa calls its own action server on the host's loopback. The SMTP
server is the test's own, on the client host. Every server binds the address it is given.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.paths import PROJECT_ROOT
from bot.runtime.endpoints import with_actions_url
from bot.runtime.wait_ready import wait_ready
from tests.faults.throwaway_postgres import ThrowawayPostgres, _as_server_user
from tests.faults.throwaway_redis import redis_server_binary
from tests.scaleout.network import SUBNET, Network
from tests.support.servers import STARTUP_SECONDS, VENV_BIN, Process

RASA_PORT, ACTIONS_PORT, REDIS_PORT, POSTGRES_PORT = 5005, 5055, 6379, 5432
# The balancer: every application host on one port, the first host alone on the other (so a
# benchmark compares one host with two through the same balancer).
BALANCER_PORT, ONE_HOST_PORT = 8000, 8001
APP_HOSTS = ("app1", "app2")
# No proxy from the environment may carry the test's requests off the test's own hosts.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def haproxy_binary() -> str | None:
    return shutil.which("haproxy") or (
        "/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)


def haproxy_config(address: str, backends: dict[str, str]) -> str:
    """Round robin over the Rasa servers; a server leaves the rotation after two failed
    readiness checks a second apart. A dead server refuses the check at once; a busy one
    (a turn keeps Rasa's event loop for a second or more on two cores) gets 5 s to answer
    it, so servers do not leave the rotation for being busy. A request whose connection to
    a server fails (the server is gone) is sent to the other one; a request that reached a
    server is never sent twice (retry-on conn-failure only), so no message can be handled
    twice. The log (`balancer_events`) names each request not answered 200 and each server
    going down or up."""
    servers = "\n".join(
        f"    server {name} {host}:{RASA_PORT} check" for name, host in backends.items())
    first_name, first_host = next(iter(backends.items()))
    return f"""global
    maxconn 256
    log stdout format raw local0 info
defaults
    mode http
    log global
    option httplog
    option log-health-checks
    timeout connect 2s
    timeout client 120s
    timeout server 120s
    timeout check 5s
    retries 3
    retry-on conn-failure
    option redispatch 1
    http-reuse never
frontend chat
    bind {address}:{BALANCER_PORT}
    default_backend rasa
backend rasa
    balance roundrobin
    option httpchk GET /webhooks/health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
    http-response set-header X-Served-By %s
{servers}
frontend one_host
    bind {address}:{ONE_HOST_PORT}
    default_backend one_host
backend one_host
    option httpchk GET /webhooks/health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
    server {first_name} {first_host}:{RASA_PORT} check
"""


@dataclass
class NamespacedPostgres(ThrowawayPostgres):
    """The throwaway PostgreSQL of the fault tests, run inside a host, on its address."""

    host: str = "127.0.0.1"
    namespace_command: list[str] = field(default_factory=list)

    @property
    def server_url(self) -> str:
        return f"postgresql://postgres@{self.host}:{self.port}/postgres"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@{self.host}:{self.port}/city"

    def start(self) -> None:
        hba = self.data / "pg_hba.conf"
        allow = f"host all all {SUBNET} trust\n"
        if allow not in hba.read_text():
            with hba.open("a") as rules:
                rules.write(allow)  # the test's hosts only; initdb allows loopback alone
        options = f"-h {self.host} -p {self.port} -k {self.data} -F"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-w",
                  "-o", options, "start")

    def _run(self, program: str, *arguments: str) -> None:
        subprocess.run([*self.namespace_command, *_as_server_user(), str(self._bin / program),
                        *arguments], check=True, capture_output=True)


def _lower(headers: Any) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def http_json(url: str, body: dict[str, Any] | None = None,
              timeout: float = 90) -> tuple[int, Any, dict[str, str]]:
    """Status, JSON body and headers (names in lower case) of one request, whatever the
    status."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with DIRECT.open(request, timeout=timeout) as reply:
            return reply.status, json.loads(reply.read()), _lower(reply.headers)
    except urllib.error.HTTPError as error:
        raw = error.read() or b"null"
        try:
            return error.code, json.loads(raw), _lower(error.headers)
        except ValueError:  # the balancer's own error page: the status says what happened
            return error.code, {"raw": raw[:200].decode("utf-8", "replace")}, _lower(
                error.headers)


def ready(urls: list[str], timeout: float) -> list[str]:
    """wait_ready, but a 503 'not ready' counts as not ready yet."""
    deadline = time.monotonic() + timeout
    waiting = list(urls)
    while waiting and time.monotonic() < deadline:
        still = []
        for url in waiting:
            try:
                status = http_json(url, timeout=5)[0]
            except (OSError, ValueError):
                status = 0
            if status != 200:
                still.append(url)
        waiting = still
        if waiting:
            time.sleep(1)
    return waiting


@dataclass
class Cluster:
    network: Network
    work_dir: Path
    model: Path
    smtp_port: int
    processes: list[Process] = field(default_factory=list)
    postgres: NamespacedPostgres | None = None

    @property
    def balancer_url(self) -> str:
        return f"http://{self.network.hosts['balancer']}:{BALANCER_PORT}"

    @property
    def one_host_url(self) -> str:
        """The balancer's port that sends everything to the first application host."""
        return f"http://{self.network.hosts['balancer']}:{ONE_HOST_PORT}"

    def rasa_url(self, host: str) -> str:
        return f"http://{self.network.hosts[host]}:{RASA_PORT}"

    @property
    def redis_url(self) -> str:
        return f"redis://{self.network.hosts['data']}:{REDIS_PORT}/0"

    def start(self, host: str, name: str, argv: list[str], env: dict[str, str]) -> Process:
        log = self.work_dir / f"{host}-{name}.log"
        popen = subprocess.Popen(
            self.network.command(host, *argv), cwd=PROJECT_ROOT, env=env,
            stdout=log.open("ab"), stderr=subprocess.STDOUT)
        process = Process(f"{host}-{name}", popen, log)
        self.processes.append(process)
        return process

    def start_data_host(self) -> None:
        address = self.network.add_host("data")
        redis_binary = redis_server_binary()
        assert redis_binary is not None
        self.start("data", "redis", [
            redis_binary, "--bind", address, "--port", str(REDIS_PORT), "--save", "",
            "--appendonly", "no", "--protected-mode", "no", "--dir", str(self.work_dir)], {})
        self.postgres = NamespacedPostgres(
            port=POSTGRES_PORT, host=address,
            namespace_command=self.network.command("data"))
        self.postgres.create()
        subprocess.run(
            [str(VENV_BIN / "python"), "-m", "bot.catalogue", "load", "services_catalogue"],
            cwd=PROJECT_ROOT, check=True, capture_output=True,
            env={**os.environ, "DATABASE_URL": self.postgres.url})

    def app_environment(self) -> dict[str, str]:
        assert self.postgres is not None
        return {
            **os.environ, "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": self.postgres.url, "REDIS_URL": self.redis_url,
            "CONVERSATION_EXPIRY_SECONDS": "900",
            "CHAT_RATE_PER_ADDRESS": "1000000", "CHAT_RATE_PER_SENDER": "1000000",
            "SMTP_HOST": self.network.hosts["client"], "SMTP_PORT": str(self.smtp_port),
            "SMTP_TIMEOUT_SECONDS": "5", "OUTBOX_POLL_SECONDS": "1",
            "REPORTS_FROM_ADDRESS": "meldungen@lindenbruck.example",
        }

    def start_app_host(self, host: str) -> None:
        address = self.network.add_host(host)
        env = self.app_environment()
        endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text())
        endpoints_file = self.work_dir / f"{host}-endpoints.yml"
        endpoints_file.write_text(yaml.safe_dump(
            with_actions_url(endpoints, f"http://127.0.0.1:{ACTIONS_PORT}")))
        self.start(host, "actions", [
            str(VENV_BIN / "python"), "-m", "rasa_addons.action_server",
            "--host", "127.0.0.1", "--port", str(ACTIONS_PORT)], env)
        self.start(host, "rasa", [
            str(VENV_BIN / "rasa"), "run", "--model", str(self.model),
            "--endpoints", str(endpoints_file), "--credentials", "credentials.yml",
            "--interface", address, "--port", str(RASA_PORT)], env)
        self.start(host, "outbox", [str(VENV_BIN / "python"), "-m", "bot.reports.outbox"], env)

    def start_balancer(self) -> None:
        address = self.network.add_host("balancer")
        backends = {host: self.network.hosts[host] for host in APP_HOSTS}
        config = self.work_dir / "haproxy.cfg"
        config.write_text(haproxy_config(address, backends))
        binary = haproxy_binary()
        assert binary is not None
        self.start("balancer", "haproxy", [binary, "-db", "-f", str(config)], dict(os.environ))

    def balancer_events(self) -> list[str]:
        """The balancer's log lines that tell of trouble: requests not answered 200 (with
        HAProxy's termination state and retry count) and servers going down or up. The log
        holds addresses, times and paths, never a message."""
        process = next((p for p in self.processes if p.name == "balancer-haproxy"), None)
        if process is None or not process.log.exists():
            return []
        return [line for line in process.log.read_text(errors="replace").splitlines()
                if ("HTTP/" in line and " 200 " not in line) or " is DOWN" in line
                or " is UP" in line]

    def wait_until_ready(self) -> None:
        urls = [f"{self.rasa_url(host)}/webhooks/health/ready" for host in APP_HOSTS]
        missing = ready(urls, STARTUP_SECONDS)
        # The balancer marks a server up after two good checks.
        missing += wait_ready([f"{url}/webhooks/health/"
                               for url in (self.balancer_url, self.one_host_url)], 30)
        if missing:
            tails = "\n\n".join(f"--- {p.name} ---\n{p.log_tail()}" for p in self.processes)
            raise RuntimeError(f"not ready: {missing}\n{tails}")

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        if self.postgres is not None:
            self.postgres.remove()


@contextmanager
def running(model: Path, smtp_port: Callable[[str], int] | None = None) -> Iterator[Cluster]:
    """The whole cluster, ready; afterwards every process, namespace and file is gone.
    `smtp_port(client_address)` starts the caller's SMTP server on the client host."""
    network = Network()
    work_dir = Path(tempfile.mkdtemp(prefix="scaleout-"))
    cluster: Cluster | None = None
    try:
        network.create()
        port = smtp_port(network.hosts["client"]) if smtp_port else 25
        cluster = Cluster(network, work_dir, model, port)
        cluster.start_data_host()
        for host in APP_HOSTS:
            cluster.start_app_host(host)
        cluster.start_balancer()
        cluster.wait_until_ready()
        yield cluster
    finally:
        if cluster is not None:
            cluster.stop()
        network.remove()
        shutil.rmtree(work_dir, ignore_errors=True)
