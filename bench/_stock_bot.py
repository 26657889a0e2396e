"""The stock `rasa init` bot, as the yardstick our bot is measured against.

Creating it trains its model (minutes), so the project is cached per Rasa version in
$STOCK_BOT_CACHE (default ~/.cache/city-assistant/stock-bot/rasa-<version>) and reused.
It is run like ours: REST channel, Redis tracker and lock store, its own action server if
its domain has custom actions (the stock domain has none).
"""
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

from bench._redis import BenchRedis
from tests.support.servers import Process, await_ready, free_port

VENV_BIN = Path(sys.executable).parent
STOCK_KEY_PREFIX = "stockbench"


def cache_dir() -> Path:
    configured = os.environ.get("STOCK_BOT_CACHE")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "city-assistant" / "stock-bot" / f"rasa-{version('rasa')}"


def ensure_stock_bot() -> Path:
    """The cached stock project folder, created and trained on first use."""
    target = cache_dir()
    if _model(target) is not None:
        return target
    partial = target.parent / f"partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    print(f"stock bot: creating and training it in {target} (minutes, once)", file=sys.stderr)
    try:
        subprocess.run(
            [str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(partial)],
            cwd=partial.parent, check=True, stdout=subprocess.DEVNULL, env=_environment(),
        )
        if _model(partial) is None:
            raise RuntimeError(f"rasa init trained no model in {partial}")
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return target


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", "RASA_TELEMETRY_ENABLED": "false"}


def _model(project: Path) -> Path | None:
    models = sorted((project / "models").glob("*.tar.gz"))
    return models[-1] if models else None


def _custom_actions(project: Path) -> list[str]:
    domain = yaml.safe_load((project / "domain.yml").read_text()) or {}
    return [name for name in domain.get("actions") or [] if not name.startswith("utter_")]


@dataclass
class StockBot:
    processes: list[Process]
    url: str
    health_urls: list[str]

    def wait_ready(self) -> None:
        await_ready(self.processes, self.health_urls)


def start_stock_bot(project: Path, work_dir: Path, redis: BenchRedis) -> StockBot:
    """Starts the stock bot with Redis stores, without waiting for it to load its model."""
    env = _environment()
    endpoints: dict[str, Any] = {
        "tracker_store": {
            **redis.store_settings(STOCK_KEY_PREFIX), "type": "redis", "record_exp": 3600
        },
        "lock_store": {**redis.store_settings(STOCK_KEY_PREFIX), "type": "redis"},
    }
    processes: list[Process] = []
    ready: list[str] = []
    if _custom_actions(project):
        actions_port = free_port()
        endpoints["action_endpoint"] = {"url": f"http://127.0.0.1:{actions_port}/webhook"}
        command = [str(VENV_BIN / "rasa"), "run", "actions", "--port", str(actions_port)]
        processes.append(_spawn("stock-actions", command, project, env, work_dir))
        ready.append(f"http://127.0.0.1:{actions_port}/health")
    endpoints_file = work_dir / "stock-endpoints.yml"
    endpoints_file.write_text(yaml.safe_dump(endpoints))
    port = free_port()
    processes.append(_spawn("stock-rasa", [
        str(VENV_BIN / "rasa"), "run", "--model", str(_model(project)),
        "--endpoints", str(endpoints_file), "--credentials", str(project / "credentials.yml"),
        "--interface", "127.0.0.1", "--port", str(port),
    ], project, env, work_dir))
    url = f"http://127.0.0.1:{port}"
    return StockBot(processes, url, [*ready, f"{url}/"])


def _spawn(name: str, command: list[str], cwd: Path, env: dict[str, str], log_dir: Path) -> Process:
    log = log_dir / f"{name}.log"
    handle = log.open("ab")
    popen = subprocess.Popen(command, cwd=cwd, env=env, stdout=handle, stderr=subprocess.STDOUT)
    return Process(name, popen, log)


if __name__ == "__main__":
    print(ensure_stock_bot())
