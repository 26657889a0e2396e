"""Starts the real product (action server and Rasa servers) for end-to-end tests.

Each instance gets free ports, its own log files and its own database, so tests never
touch a running development instance.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.paths import PROJECT_ROOT
from bot.runtime.endpoints import with_actions_url
from bot.runtime.wait_ready import wait_ready

VENV_BIN = Path(sys.executable).parent
STARTUP_SECONDS = 240
# Every test talks from 127.0.0.1: lift the per-address limit, keep a per-sender one.
TEST_RATE_LIMITS = {"CHAT_RATE_PER_ADDRESS": "1000000", "CHAT_RATE_PER_SENDER": "60"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGINT)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def start(name: str, command: list[str], env: dict[str, str], log_dir: Path) -> Process:
    log = log_dir / f"{name}.log"
    handle = log.open("ab")
    popen = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    )
    return Process(name, popen, log)


def await_ready(processes: list[Process], urls: list[str]) -> None:
    missing = wait_ready(urls, STARTUP_SECONDS)
    if missing:
        tails = "\n\n".join(f"--- {p.name} ---\n{p.log_tail()}" for p in processes)
        for process in processes:
            process.stop()
        raise RuntimeError(f"not ready: {missing}\n{tails}")


@dataclass
class Assistant:
    """One running product: an action server and one or more Rasa servers."""

    actions_url: str
    rasa_urls: list[str]
    processes: list[Process] = field(default_factory=list)

    def send(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None, server: int = 0
    ) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        request = urllib.request.Request(
            f"{self.rasa_urls[server]}/webhooks/rest/webhook",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            return json.loads(reply.read())

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()


def start_assistant(
    model: Path, work_dir: Path, extra_env: dict[str, str], rasa_servers: int = 1
) -> Assistant:
    env = {**os.environ, **extra_env, "PYTHONUNBUFFERED": "1"}
    actions_port = free_port()
    actions_url = f"http://127.0.0.1:{actions_port}"
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text())
    endpoints_file = work_dir / "endpoints.yml"
    endpoints_file.write_text(yaml.safe_dump(with_actions_url(endpoints, actions_url)))

    processes = [
        start(
            "actions",
            [str(VENV_BIN / "python"), "-m", "rasa_addons.action_server",
             "--port", str(actions_port)],
            env,
            work_dir,
        )
    ]
    rasa_urls = []
    for index in range(rasa_servers):
        port = free_port()
        rasa_urls.append(f"http://127.0.0.1:{port}")
        processes.append(
            start(
                f"rasa-{index}",
                [
                    str(VENV_BIN / "rasa"), "run", "--model", str(model),
                    "--endpoints", str(endpoints_file), "--credentials", "credentials.yml",
                    "--interface", "127.0.0.1", "--port", str(port), "--cors", "*",
                ],
                env,
                work_dir,
            )
        )
    await_ready(processes, [f"{actions_url}/health", *[f"{url}/" for url in rasa_urls]])
    return Assistant(actions_url, rasa_urls, processes)
