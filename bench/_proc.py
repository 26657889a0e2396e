"""Resident memory and CPU time of a process and its children, read from /proc (Linux).

RSS counts every page a process has in memory, shared ones too, so summing RSS over
processes overstates; PSS (from smaps_rollup, Linux 4.14+) divides shared pages among
their users and sums honestly. Both are reported when available.
"""
import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class Memory:
    pid: int
    command: str
    rss_bytes: int
    pss_bytes: int | None


def _kib_field(path: Path, name: str) -> int | None:
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        if line.startswith(f"{name}:"):
            return int(line.split()[1]) * 1024
    return None


def memory_of(pid: int) -> Memory:
    raw = (PROC / str(pid) / "cmdline").read_bytes()
    command = raw.replace(b"\0", b" ").decode(errors="replace").strip()
    return Memory(
        pid=pid,
        command=command,
        rss_bytes=_kib_field(PROC / str(pid) / "status", "VmRSS") or 0,
        pss_bytes=_kib_field(PROC / str(pid) / "smaps_rollup", "Pss"),
    )


def descendants(pid: int) -> list[int]:
    """pid's children, grandchildren and so on (a server may fork workers)."""
    parents: dict[int, list[int]] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: list[int] = []
    waiting = [pid]
    while waiting:
        children = parents.get(waiting.pop(), [])
        found.extend(children)
        waiting.extend(children)
    return found


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process (all its threads) has used so far."""
    try:
        fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
