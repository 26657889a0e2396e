"""Hosts on one machine: network namespaces joined by veth pairs to one bridge.

The bridge lives in a namespace of its own (the "switch"); each host is a namespace with
one interface on it, and the test process itself joins as the "client" host through one
veth pair in the machine's namespace. Traffic stays between these namespaces: the subnet
is one the machine does not route anywhere (checked before anything is created), and
`remove()` deletes every namespace and interface the network made.

Needs root and Debian's iproute2 (`ip netns`); `unavailable()` says why not otherwise.
"""
from __future__ import annotations

import ipaddress
import os
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

SUBNET = ipaddress.ip_network("10.213.77.0/24")
CLIENT_ADDRESS = "10.213.77.10"


def _ip(*arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *arguments], check=check, capture_output=True, text=True)


def unavailable() -> str | None:
    """Why namespaces cannot be made here, or None when they can."""
    if shutil.which("ip") is None:
        return "iproute2's `ip` is not installed"
    if os.geteuid() != 0:
        return "network namespaces need root (`ip netns add`)"
    routes = _ip("-4", "route", "show", check=False).stdout
    for line in routes.splitlines():
        target = line.split()[0] if line.split() else ""
        if target in ("default", ""):
            continue
        try:
            if ipaddress.ip_network(target, strict=False).overlaps(SUBNET):
                return f"the machine already routes {target}, which overlaps {SUBNET}"
        except ValueError:
            continue
    probe = f"caprobe{secrets.token_hex(3)}"
    made = _ip("netns", "add", probe, check=False)
    if made.returncode != 0:
        return f"`ip netns add` failed: {made.stderr.strip()}"
    _ip("netns", "del", probe, check=False)
    return None


def _alive(pid: int) -> bool:
    """Whether any thread of the process still runs. `ip netns pids` stops listing a
    process as soon as its main thread has exited, while its other threads (Rasa has dozens)
    may still hold its listening socket for some milliseconds: a connection made then is
    accepted and reset, which is not how a dead host behaves. A zombie whose threads are all
    gone has closed every socket."""
    try:
        threads = os.listdir(f"/proc/{pid}/task")
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return not (state == "Z" and len(threads) <= 1)


@dataclass
class Network:
    """One test's hosts; names carry a random tag so parallel runs never collide."""

    tag: str = field(default_factory=lambda: secrets.token_hex(2))
    hosts: dict[str, str] = field(default_factory=dict)  # host name -> address
    _namespaces: list[str] = field(default_factory=list)
    _client_link: str | None = None

    @property
    def switch(self) -> str:
        return f"ca{self.tag}sw"

    def namespace(self, host: str) -> str:
        return f"ca{self.tag}{host}"

    def create(self) -> None:
        _ip("netns", "add", self.switch)
        self._namespaces.append(self.switch)
        self._in(self.switch, "link", "set", "lo", "up")
        self._in(self.switch, "link", "add", "br0", "type", "bridge")
        self._in(self.switch, "link", "set", "br0", "up")
        self._client_link = self._plug(None, CLIENT_ADDRESS, index=0)
        self.hosts["client"] = CLIENT_ADDRESS

    def add_host(self, host: str) -> str:
        """A new namespace with loopback and one address on the bridge; returns the address."""
        index = len(self.hosts)
        address = str(SUBNET.network_address + 10 + index)
        namespace = self.namespace(host)
        _ip("netns", "add", namespace)
        self._namespaces.append(namespace)
        self._in(namespace, "link", "set", "lo", "up")
        self._plug(namespace, address, index)
        self.hosts[host] = address
        return address

    def _plug(self, namespace: str | None, address: str, index: int) -> str:
        host_end, switch_end = f"ca{self.tag}h{index}", f"ca{self.tag}s{index}"
        _ip("link", "add", host_end, "type", "veth", "peer", "name", switch_end)
        _ip("link", "set", switch_end, "netns", self.switch)
        self._in(self.switch, "link", "set", switch_end, "master", "br0")
        self._in(self.switch, "link", "set", switch_end, "up")
        prefix = f"{address}/{SUBNET.prefixlen}"
        if namespace is None:
            _ip("addr", "add", prefix, "dev", host_end)
            _ip("link", "set", host_end, "up")
        else:
            _ip("link", "set", host_end, "netns", namespace)
            self._in(namespace, "addr", "add", prefix, "dev", host_end)
            self._in(namespace, "link", "set", host_end, "up")
        return host_end

    def command(self, host: str, *argv: str) -> list[str]:
        """argv run inside the host's namespace (`ip netns exec` execs, so the pid is argv's)."""
        return ["ip", "netns", "exec", self.namespace(host), *argv]

    def pids(self, host: str) -> list[int]:
        listed = _ip("netns", "pids", self.namespace(host), check=False).stdout.split()
        return [int(pid) for pid in listed if pid.isdigit()]

    def kill_host(self, host: str) -> list[int]:
        """Every process of the host ends at once (SIGKILL), as when its machine dies."""
        killed = self.pids(host)
        for pid in killed:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while (self.pids(host) or any(map(_alive, killed))) and time.monotonic() < deadline:
            time.sleep(0.05)
        return killed

    def remove(self) -> None:
        """Ends what still runs in the hosts and deletes every namespace and interface."""
        for namespace in reversed(self._namespaces):
            host = namespace.removeprefix(f"ca{self.tag}")
            if namespace != self.switch:
                self.kill_host(host)
            _ip("netns", "del", namespace, check=False)
        self._namespaces.clear()
        if self._client_link is not None:
            _ip("link", "del", self._client_link, check=False)
            self._client_link = None

    def _in(self, namespace: str, *arguments: str) -> None:
        _ip("-n", namespace, *arguments)
