"""python -m bot.settings check | example (docs/operations.md)."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from bot.settings.check import check, example


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.settings", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="check every declared variable in this environment")
    commands.add_parser("example", help="print .env.example, every variable at its default")
    args = parser.parse_args(argv)
    if args.command == "example":
        sys.stdout.write(example())
        return 0
    lines, errors = check(os.environ)
    print("\n".join(lines))
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
