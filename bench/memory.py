"""Resident memory of every process of the running product, after a warm-up.

Starts the product as a city runs it: the action server (custom actions, NLG, machine
translation with one Argos package loaded), Rasa with the trained model, the web server
(`python -m bot.web`, the widget/kiosk relay), the sample city's catalogue, Redis for
conversations. The Argos package is --argos-package FILE, or else one built here with
random weights in the shape of Argos's usual models (--argos base, the default: about the
memory of a real one, nonsense output), a tiny one (--argos tiny), or none. Sends a
warm-up of conversations through the web server's relay, then prints RSS and PSS of each
process (and any children) against the target: under 2.0 GB in all.

    .venv/bin/python bench/memory.py [--quick] [--messages N] [--rasa-servers N]
                                     [--argos base|tiny|none | --argos-package FILE]
"""
import argparse
import asyncio
import os
import re
import signal
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._load import conversations, run_load
from bench._machine import describe_machine
from bench._proc import Memory, descendants, memory_of
from bench._product import start_ours
from bench._redis import BenchRedis
from bot.machine_translation import install
from tests.machine_translation.tiny_argos import ARGOS_BASE, TINY, build_argos_package
from tests.support.servers import VENV_BIN, Process, await_ready, free_port, start

TARGET_BYTES = 2_000_000_000
MB = 1_000_000


def argos_packages(work: Path, choice: str, package: Path | None) -> dict[str, str]:
    """ARGOS_PACKAGES_DIR holding the one package to load (empty dict: none)."""
    if package is None and choice == "none":
        return {}
    if package is None:
        print(f"building a random en->de Argos package ({choice} size)", file=sys.stderr)
        size = ARGOS_BASE if choice == "base" else TINY
        package = build_argos_package(work, "en", "de", size=size)
    install(package, work / "argos-packages")
    return {"ARGOS_PACKAGES_DIR": str(work / "argos-packages")}


def start_web(work_dir: Path, rasa_url: str, database_url: str) -> tuple[Process, str]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    command = [
        str(VENV_BIN / "python"), "-m", "bot.web", "--port", str(port), "--bot-url", rasa_url
    ]
    process = start("web", command, env, work_dir)
    url = f"http://127.0.0.1:{port}"
    await_ready([process], [f"{url}/health"])
    return process, url


def measure(processes: list[Process]) -> list[tuple[str, Memory]]:
    rows = []
    for process in processes:
        rows.append((process.name, memory_of(process.popen.pid)))
        for child in descendants(process.popen.pid):
            rows.append((f"{process.name} (child)", memory_of(child)))
    return rows


def table(rows: list[tuple[str, Memory]]) -> str:
    lines = ["| process | pid | RSS MB | PSS MB |", "| --- | ---: | ---: | ---: |"]
    for name, memory in rows:
        pss = f"{memory.pss_bytes / MB:.0f}" if memory.pss_bytes is not None else "n/a"
        lines.append(f"| {name} | {memory.pid} | {memory.rss_bytes / MB:.0f} | {pss} |")
    rss = sum(memory.rss_bytes for _, memory in rows)
    pss_values = [memory.pss_bytes for _, memory in rows]
    pss_total = f"{sum(pss_values) / MB:.0f}" if None not in pss_values else "n/a"
    lines.append(f"| **all** | | **{rss / MB:.0f}** | **{pss_total}** |")
    return "\n".join(lines)


def machine_translation_pairs(actions_log: Path) -> str:
    log = actions_log.read_text(errors="replace")
    found = re.findall(r"machine translation ready for (\d+) language pairs", log)
    return found[-1] if found else "0 (no Argos package installed)"


def understood_languages(rasa_log: Path) -> str:
    """Languages the Rasa process reads through an X -> en package (e.g. zh), if any."""
    log = rasa_log.read_text(errors="replace")
    found = re.findall(r"machine translation: understanding (.+) through English", log)
    return found[-1].strip() if found else "none"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a short warm-up (60 messages)")
    parser.add_argument("--messages", type=int, help="warm-up messages (default 400, quick 60)")
    parser.add_argument("--rasa-servers", type=int, default=1)
    parser.add_argument("--no-web", action="store_true", help="leave the web server out")
    parser.add_argument("--argos", choices=("base", "tiny", "none"), default="base",
                        help="the Argos package to load when no --argos-package is given")
    parser.add_argument("--argos-package", type=Path, help="a real .argosmodel file to load")
    arguments = parser.parse_args()
    messages = arguments.messages or (60 if arguments.quick else 400)
    redis = BenchRedis.from_environment()
    redis.ping()
    processes: list[Process] = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as scratch:
        work = Path(scratch)
        try:
            argos = argos_packages(work, arguments.argos, arguments.argos_package)
            ours = start_ours(work, redis.url, rasa_servers=arguments.rasa_servers, extra_env=argos)
            processes.extend(ours.processes)
            entry = ours.rasa_urls
            if not arguments.no_web:
                database = ours_database(work)
                web, web_url = start_web(work, ours.rasa_urls[0], database)
                processes.append(web)
                # The web server relays to the first Rasa process; the others get theirs direct.
                entry = [f"{web_url}/bot", *ours.rasa_urls[1:]]
            warm = asyncio.run(run_load(entry, 4, messages, 600, redis.sender, conversations()))
            rows = measure(processes)
            pairs = machine_translation_pairs(ours.processes[0].log)
            understood = understood_languages(ours.processes[1].log)
        finally:
            for process in reversed(processes):
                process.stop()
            redis.cleanup()
    total_pss = sum(memory.pss_bytes or memory.rss_bytes for _, memory in rows)
    print(f"\nmemory of the running product after {warm.answered} answered warm-up messages"
          f" ({sum(warm.errors.values())} errors)")
    print(f"machine: {describe_machine()['summary']}")
    package = arguments.argos_package or f"random weights, {arguments.argos} size"
    print(f"machine translation: {pairs} language pairs loaded in the action server"
          f" ({package}); understood through English in Rasa: {understood}\n")
    print(table(rows))
    verdict = "met" if total_pss < TARGET_BYTES else "NOT met"
    print(f"\ntarget: under {TARGET_BYTES / MB:.0f} MB in all (PSS): {verdict}")
    return 0


def ours_database(work: Path) -> str:
    """The catalogue database start_ours loaded, so the web server reads the same city."""
    return f"sqlite:///{work / 'catalogue.sqlite3'}"


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on `timeout`
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    sys.exit(main())
