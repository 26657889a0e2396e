"""The balancer's own promise, without the product: every message reaches a live host once.

Two stand-in hosts (stand_in_host.py) behind the HAProxy configuration the scale-out test
uses; one is killed halfway. Every message is answered, none is handled twice (a message
whose connection failed is retried on the other host; one that reached a host never is),
and the dead host leaves the rotation. Runs in seconds; no model needed.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT
from tests.scaleout.cluster import (
    APP_HOSTS,
    BALANCER_PORT,
    RASA_PORT,
    VENV_BIN,
    haproxy_binary,
    haproxy_config,
    http_json,
    ready,
)
from tests.scaleout.network import Network, unavailable

MESSAGES = 40


@pytest.mark.scaleout
def test_a_host_killed_halfway_every_message_is_answered_once_by_a_live_host() -> None:
    reason = unavailable() or (None if haproxy_binary() else "HAProxy is not installed")
    if reason:
        pytest.skip(f"the balancer test needs network namespaces and HAProxy: {reason}")
    network = Network()
    work = Path(tempfile.mkdtemp(prefix="balancer-"))
    processes: list[subprocess.Popen] = []
    try:
        network.create()
        for host in APP_HOSTS:
            address = network.add_host(host)
            processes.append(subprocess.Popen(network.command(
                host, str(VENV_BIN / "python"), "-m", "tests.scaleout.stand_in_host", address,
                str(RASA_PORT), str(work / f"{host}.handled")), cwd=PROJECT_ROOT,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        balancer = network.add_host("balancer")
        config = work / "haproxy.cfg"
        config.write_text(haproxy_config(balancer, {h: network.hosts[h] for h in APP_HOSTS}))
        processes.append(subprocess.Popen(network.command(
            "balancer", str(haproxy_binary()), "-db", "-f", str(config)),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        url = f"http://{balancer}:{BALANCER_PORT}"
        assert ready([f"{url}/webhooks/health/ready"], 30) == []
        served: Counter = Counter()
        answered = []
        for number in range(MESSAGES):
            if number == MESSAGES // 2:
                network.kill_host("app1")
            status, body, headers = http_json(
                f"{url}/webhooks/rest/webhook", {"sender": "s", "message": f"m{number}"}, 10)
            assert status == 200, (number, status, body)
            answered.append(body[0]["text"])
            served[(headers.get("x-served-by"), number >= MESSAGES // 2)] += 1
        handled = Counter(line for host in APP_HOSTS
                          for line in (work / f"{host}.handled").read_text().split())
    finally:
        for process in processes:
            process.kill()
        network.remove()
        shutil.rmtree(work, ignore_errors=True)
    assert answered == [f"m{number}" for number in range(MESSAGES)]
    assert handled == Counter(answered), "a message was handled twice or not at all"
    assert served[("app1", True)] == 0, served
    assert served[("app1", False)] > 0 and served[("app2", False)] > 0, served
