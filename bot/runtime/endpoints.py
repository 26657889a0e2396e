"""Writes endpoints.yml with the action server at another address.

endpoints.yml names the action server at its documented port; a second instance (tests,
benchmarks) runs one elsewhere. The rest of the file is kept as it is.

    ACTIONS_URL=http://127.0.0.1:6055 python -m bot.runtime.endpoints endpoints.yml > out.yml
"""
import sys
from pathlib import Path
from typing import Any

import yaml

from bot.settings import text


def with_actions_url(endpoints: dict[str, Any], actions_url: str) -> dict[str, Any]:
    base = actions_url.rstrip("/")
    result = dict(endpoints)
    result["action_endpoint"] = {
        **(endpoints.get("action_endpoint") or {}), "url": f"{base}/webhook"
    }
    if "nlg" in endpoints:
        result["nlg"] = {**endpoints["nlg"], "url": f"{base}/nlg"}
    return result


def main(argv: list[str]) -> int:
    endpoints = yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8")) or {}
    actions_url = text("ACTIONS_URL", "http://127.0.0.1:5055")
    yaml.safe_dump(with_actions_url(endpoints, actions_url), sys.stdout, sort_keys=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
