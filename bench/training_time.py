"""How long training our model takes from scratch (minutes: run it on purpose).

Runs the same `rasa train` as scripts/train.sh, but with a fresh output folder and a fresh
Rasa training cache (RASA_CACHE_DIRECTORY) in a temporary directory, so nothing cached
helps and neither models/ nor ~/.cache is touched. Prints wall-clock seconds and the CPU
seconds training used. --stock also times the stock `rasa init` bot's training, for scale.

    .venv/bin/python bench/training_time.py [--stock]
"""
import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._machine import describe_machine
from bench._stock_bot import ensure_stock_bot
from bot.paths import PROJECT_ROOT

VENV_BIN = Path(sys.executable).parent
OURS = ["--config", "config.yml", "--domain", "domain", "--data", "data"]
STOCK = ["--config", "config.yml", "--domain", "domain.yml", "--data", "data"]


def time_training(project: Path, inputs: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one `rasa train` from nothing."""
    with tempfile.TemporaryDirectory(prefix="bench-train-") as scratch:
        env = {
            **os.environ,
            "RASA_CACHE_DIRECTORY": str(Path(scratch) / "rasa-cache"),
            "RASA_TELEMETRY_ENABLED": "false",
        }
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.monotonic()
        subprocess.run(
            [str(VENV_BIN / "rasa"), "train", *inputs, "--out", str(Path(scratch) / "models"),
             "--force", "--quiet"],
            cwd=project, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wall = time.monotonic() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stock", action="store_true", help="also time the stock rasa init bot")
    arguments = parser.parse_args()
    machine = describe_machine()
    rows = [("ours", *time_training(PROJECT_ROOT, OURS))]
    if arguments.stock:
        rows.append(("stock rasa init", *time_training(ensure_stock_bot(), STOCK)))
    print(f"\ntraining from scratch; machine: {machine['summary']}")
    print(f"load average before {machine['load']} / after {describe_machine()['load']}\n")
    print("| bot | wall seconds | CPU seconds |\n| --- | ---: | ---: |")
    for name, wall, cpu in rows:
        print(f"| {name} | {wall:.0f} | {cpu:.0f} |")
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # subprocess.run then ends rasa train
    sys.exit(main())
