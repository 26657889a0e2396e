"""Waits until every given URL answers, or fails after a timeout.

    python -m bot.runtime.wait_ready URL [URL ...] [--timeout SECONDS]
"""
import argparse
import sys
import time
import urllib.error
import urllib.request


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return 200 <= reply.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except (urllib.error.URLError, OSError):
        return False


def wait_ready(urls: list[str], timeout: float) -> list[str]:
    """The URLs that still did not answer when the time ran out (empty: all ready)."""
    deadline = time.monotonic() + timeout
    waiting = list(urls)
    while waiting and time.monotonic() < deadline:
        waiting = [url for url in waiting if not answers(url)]
        if waiting:
            time.sleep(0.5)
    return waiting


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--timeout", type=float, default=120)
    arguments = parser.parse_args()
    missing = wait_ready(arguments.urls, arguments.timeout)
    for url in missing:
        print(f"not ready after {arguments.timeout:.0f} s: {url}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
