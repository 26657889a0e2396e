"""Messages per second through HAProxy: two application hosts against one, in the same run.

Builds the scale-out test's hosts (tests/scaleout/cluster.py: network namespaces on this
machine, a data host with Redis and PostgreSQL, two application hosts each running Rasa and
the action server, HAProxy in front) and sends the throughput bench's conversations
(bench/conversations.yml) through the balancer:
  one host    the balancer's port that forwards to the first application host only
  two hosts   the balancer's round-robin port over both hosts (a conversation alternates)
The two take turns at each level, so background load hits them alike, and the run prints
two hosts / one host. Needs root (network namespaces) and HAProxy; traffic stays inside
the namespaces it creates, which it removes at the end.

    CITY_ASSISTANT_MODEL=models/x.tar.gz .venv/bin/python bench/scaleout.py [--quick]
        [--levels 1 8] [--rounds N] [--json FILE]

Both "hosts" share this machine's cores: on 2 cores the ratio says what the balancer and
the shared Redis cost, not what two real machines would give (docs/benchmarks.md).
"""
import argparse
import asyncio
import json
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._load import LoadResult, conversations, run_load, warm_up
from bench._machine import describe_machine
from bench._report import Figures, as_json, throughput_table
from bench.throughput import merge
from tests.scaleout.cluster import running
from tests.scaleout.network import unavailable


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short runs (noisy, for a check)")
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8],
                        help="concurrent conversations (default 1 8)")
    parser.add_argument("--messages", type=int,
                        help="messages per measurement (default 300, quick 60)")
    parser.add_argument("--seconds", type=float,
                        help="time limit per measurement (default 120, quick 25)")
    parser.add_argument("--rounds", type=int, default=1, help="repeat every measurement")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser


def measure(targets: dict[str, str], levels: list[int], limits: tuple[int, float],
            rounds: int) -> Figures:
    messages, seconds = limits
    workload = conversations()
    figures: Figures = {}
    for level in levels:
        runs: dict[str, list[LoadResult]] = {name: [] for name in targets}
        for round_number in range(rounds):
            for name, url in targets.items():
                prefix = f"{name.replace(' ', '')}-r{round_number}"
                result = asyncio.run(run_load(
                    [url], level, messages, seconds,
                    lambda rest, prefix=prefix: f"bench-{prefix}-{rest}", workload))
                runs[name].append(result)
                print(f"  {name:9} x{level:<3} {result.answered:5} answered"
                      f" in {result.seconds:6.1f} s", file=sys.stderr)
        figures[level] = {name: merge(results) for name, results in runs.items()}
    return figures


def main() -> int:
    arguments = _parser().parse_args()
    reason = unavailable()
    if reason:
        print(f"cannot build the hosts: {reason}", file=sys.stderr)
        return 2
    model = os.environ.get("CITY_ASSISTANT_MODEL")
    if not model:
        print("set CITY_ASSISTANT_MODEL to a trained model (scripts/train.sh)", file=sys.stderr)
        return 2
    messages = arguments.messages or (60 if arguments.quick else 300)
    seconds = arguments.seconds or (25.0 if arguments.quick else 120.0)
    before = describe_machine()
    print("building the hosts (data, app1, app2, balancer)", file=sys.stderr)
    with running(Path(model)) as cluster:
        targets = {"one host": cluster.one_host_url, "two hosts": cluster.balancer_url}
        for name, url in targets.items():
            label = name.replace(" ", "")
            warm = warm_up([url], lambda rest, label=label: f"bench-{label}-{rest}",
                           conversations())
            if warm.errors:
                raise RuntimeError(f"{name} failed while warming up: {warm.errors}")
        figures = measure(targets, arguments.levels, (messages, seconds), arguments.rounds)
    after = describe_machine()
    ratio = {level: (by["two hosts"].per_second / by["one host"].per_second
                     if by["one host"].per_second else float("nan"))
             for level, by in figures.items()}
    print("\nthroughput through HAProxy, Redis tracker and lock store on the data host")
    print(f"machine: {before['summary']}")
    print(f"load average before {before['load']} / after {after['load']}")
    print(f"per measurement: at most {messages} messages or {seconds:.0f} s;"
          f" rounds: {arguments.rounds}\n")
    print(throughput_table(figures))
    print("\n| concurrent | two hosts / one host |\n| ---: | ---: |")
    for level, value in ratio.items():
        print(f"| {level} | {value:.2f}x |")
    if arguments.json:
        arguments.json.write_text(json.dumps({
            "machine": before, "load_after": after["load"], "messages": messages,
            "seconds": seconds, "rounds": arguments.rounds, "ratio": ratio,
            "figures": as_json(figures)}, indent=2))
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # clean up on `timeout`
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    sys.exit(main())
