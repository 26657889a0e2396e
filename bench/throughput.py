"""Messages per second and latency of our bot against the stock `rasa init` bot.

Both bots run in the same run on the same machine, over REST, with the Redis tracker
and lock store. For 1, 8 and 32 concurrent conversations it measures:
  ours x1   our full bot (action server with NLG + one Rasa process)
  ours x2   the same action server with two Rasa processes sharing Redis, requests
            spread round-robin (a conversation alternates between the processes)
  stock x1  the stock bot, one Rasa process (it has no custom actions)
and prints the ratios against the issue's targets: ours x1 / stock >= 1.0 and
ours x2 / stock >= 1.8, and the CPU time each server process spent per message.
Loopback only; each measurement stops after a count or a time limit.

    .venv/bin/python bench/throughput.py [--quick] [--levels 1 8 32] [--rounds N] [--json FILE]

Redis: $TEST_REDIS_URL (default redis://127.0.0.1:6379/0) on database $BENCH_REDIS_DB
(default 14); the run's conversations are deleted afterwards. See docs/benchmarks.md.
"""
import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._load import LoadResult, conversations, run_load, warm_up
from bench._machine import describe_machine
from bench._proc import cpu_seconds
from bench._product import start_ours
from bench._redis import BenchRedis
from bench._report import (
    Figures,
    as_json,
    cpu_table,
    ratio_table,
    ratios,
    throughput_table,
)
from bench._stock_bot import ensure_stock_bot, start_stock_bot
from tests.support.servers import Process


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="short runs (noisy, for a check)")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32],
                        help="concurrent conversations (default 1 8 32)")
    parser.add_argument("--messages", type=int,
                        help="messages per measurement (default 400, quick 80)")
    parser.add_argument("--seconds", type=float,
                        help="time limit per measurement (default 120, quick 25)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat every measurement, the bots taking turns (default 1)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser


def merge(results: list[LoadResult]) -> LoadResult:
    merged = LoadResult(results[0].concurrency)
    for result in results:
        merged.seconds += result.seconds
        merged.latencies.extend(result.latencies)
        for kind, count in result.errors.items():
            merged.errors[kind] = merged.errors.get(kind, 0) + count
        for name, seconds in result.cpu_seconds.items():
            merged.cpu_seconds[name] = merged.cpu_seconds.get(name, 0.0) + seconds
    return merged


def measure(
    targets: dict[str, list[str]], levels: list[int], limits: tuple[int, float], rounds: int,
    redis: BenchRedis, pids: dict[str, int],
) -> Figures:
    """Every target at every level; the targets take turns, so background load hits them
    alike. Also records the CPU time each server process used during each measurement."""
    messages, seconds = limits
    workload = conversations()
    figures: Figures = {}
    for level in levels:
        runs: dict[str, list[LoadResult]] = {name: [] for name in targets}
        for round_number in range(rounds):
            for name, urls in targets.items():
                prefix = f"{name.replace(' ', '')}-r{round_number}"
                before = {process: cpu_seconds(pid) for process, pid in pids.items()}
                result = asyncio.run(run_load(
                    urls, level, messages, seconds,
                    lambda rest, prefix=prefix: redis.sender(f"{prefix}-{rest}"), workload,
                    silence_answers=name.startswith("stock"),
                ))
                result.cpu_seconds = {
                    process: cpu_seconds(pid) - before[process] for process, pid in pids.items()
                }
                runs[name].append(result)
                print(f"  {name:9} x{level:<3} {result.answered:5} answered"
                      f" in {result.seconds:6.1f} s", file=sys.stderr)
        figures[level] = {name: merge(results) for name, results in runs.items()}
    return figures


def run(arguments: argparse.Namespace, redis: BenchRedis, limits: tuple[int, float]) -> Figures:
    stock_project = ensure_stock_bot()
    processes: list[Process] = []
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as scratch:
        work = Path(scratch)
        (work / "ours").mkdir()
        try:
            print("starting the stock bot and ours (action server, two Rasa processes)",
                  file=sys.stderr)
            stock = start_stock_bot(stock_project, work, redis)
            processes.extend(stock.processes)
            ours = start_ours(work / "ours", redis.url, rasa_servers=2)
            processes.extend(ours.processes)
            stock.wait_ready()
            targets = {
                "ours x1": ours.rasa_urls[:1], "stock x1": [stock.url], "ours x2": ours.rasa_urls,
            }
            for name, urls in targets.items():
                label = name.replace(" ", "")
                warm = warm_up(
                    urls, lambda rest, label=label: redis.sender(f"{label}-{rest}"),
                    conversations(),
                    silence_answers=name.startswith("stock"),
                )
                if warm.errors:
                    raise RuntimeError(f"{name} failed while warming up: {warm.errors}")
            pids = {process.name: process.popen.pid for process in processes}
            return measure(targets, arguments.levels, limits, arguments.rounds, redis, pids)
        finally:
            for process in reversed(processes):
                process.stop()
            removed = redis.cleanup()
            print(f"removed {removed} benchmark keys from {redis.url}", file=sys.stderr)


def main() -> int:
    arguments = _parser().parse_args()
    messages = arguments.messages or (80 if arguments.quick else 400)
    seconds = arguments.seconds or (25.0 if arguments.quick else 120.0)
    redis = BenchRedis.from_environment()
    redis.ping()
    before = describe_machine()
    figures = run(arguments, redis, (messages, seconds))
    after = describe_machine()
    ratio_values = ratios(figures)
    print(f"\nthroughput over REST, Redis tracker and lock store ({redis.url})")
    print(f"machine: {before['summary']}")
    print(f"load average before {before['load']} / after {after['load']}")
    print(f"per measurement: at most {messages} messages or {seconds:.0f} s;"
          f" rounds: {arguments.rounds}\n")
    print(throughput_table(figures))
    print()
    print(ratio_table(ratio_values))
    print("\nCPU milliseconds per answered message, by server process:\n")
    print(cpu_table(figures))
    if arguments.json:
        arguments.json.write_text(json.dumps({
            "machine": before, "load_after": after["load"], "messages": messages,
            "seconds": seconds, "rounds": arguments.rounds, "ratios": ratio_values,
            "figures": as_json(figures),
        }, indent=2))
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on `timeout`
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    sys.exit(main())
