"""The machine a figure was measured on: cores, memory, CPU model, load and date."""
import datetime
import os
import platform
from pathlib import Path


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _meminfo_gib(field: str) -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024 / 1024
    return float("nan")


def describe_machine() -> dict[str, str]:
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    cores = os.cpu_count() or 0
    total, available = _meminfo_gib("MemTotal"), _meminfo_gib("MemAvailable")
    memory = f"{total:.1f} GiB total, {available:.1f} GiB available"
    model = _cpu_model()
    date = datetime.datetime.now().astimezone().isoformat(timespec="minutes")
    return {
        "cores": str(cores),
        "memory": memory,
        "cpu": model,
        "load": load,
        "date": date,
        "summary": f"{cores} cores, {model}, {memory}, {date}",
    }
