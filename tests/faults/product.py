"""The product started for fault tests, with handles to break and mend its parts.

One action server and two Rasa processes on a Redis of the tests' own
(tests/faults/throwaway_redis.py), so a test can stop Redis or kill the action server
without touching the machine's Redis or another test's servers.
"""
import json
import os
import signal
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bot.runtime.wait_ready import wait_ready
from tests.faults.throwaway_redis import ThrowawayRedis
from tests.support.servers import STARTUP_SECONDS, VENV_BIN, Assistant, Process, start

# FAULTS_LONG=1 runs the longer variants (more outages, more messages).
LONG = os.environ.get("FAULTS_LONG") == "1"


@dataclass
class FaultyProduct:
    assistant: Assistant
    redis: ThrowawayRedis
    env: dict[str, str]
    work_dir: Path

    def post(self, sender: str, text: str, server: int = 0) -> tuple[int, Any]:
        """Status and JSON body of one chat message, whatever the status."""
        request = urllib.request.Request(
            f"{self.assistant.rasa_urls[server]}/webhooks/rest/webhook",
            data=json.dumps({"sender": sender, "message": text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=90) as reply:
                return reply.status, json.loads(reply.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def kill_actions(self) -> None:
        """Ends the action server as a crash would (SIGKILL, no clean shutdown)."""
        process = self._actions()
        if process.popen.poll() is None:
            process.popen.send_signal(signal.SIGKILL)
            process.popen.wait(timeout=20)

    def start_actions(self) -> None:
        """Starts a new action server on the port the Rasa processes already call."""
        port = urlparse(self.assistant.actions_url).port
        process = start(
            "actions",
            [str(VENV_BIN / "python"), "-m", "rasa_addons.action_server", "--port", str(port)],
            self.env, self.work_dir,
        )
        self.assistant.processes[0] = process
        missing = wait_ready([f"{self.assistant.actions_url}/health"], STARTUP_SECONDS)
        if missing:
            raise RuntimeError(f"the action server did not come back:\n{process.log_tail()}")

    def mend(self) -> None:
        """Restarts whatever an earlier test left stopped."""
        if not self.redis.is_running():
            self.redis.start()
        if self._actions().popen.poll() is not None:
            self.start_actions()

    def rasa_log(self, server: int = 0) -> str:
        return self.assistant.processes[1 + server].log.read_text(errors="replace")

    def _actions(self) -> Process:
        return self.assistant.processes[0]


def product_environment(extra: dict[str, str]) -> dict[str, str]:
    """The environment start_assistant gives its processes, to start one again alike."""
    return {**os.environ, **extra, "PYTHONUNBUFFERED": "1"}
