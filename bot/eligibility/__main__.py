"""Command line: `python -m bot.eligibility check|serve`.

Folders default to services_catalogue/ (env CITY_ASSISTANT_CATALOGUE) and its
eligibility/ subfolder (env CITY_ASSISTANT_ELIGIBILITY). `serve` listens on
ELIGIBILITY_HOST (default 127.0.0.1) and ELIGIBILITY_PORT (default 8010).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.catalogue import CatalogueError, load_catalogue_files
from bot.eligibility.loader import RulesError, load_rules
from bot.paths import catalogue_dir
from bot.settings import text, whole_number


def rules_dir() -> Path:
    """The eligibility rules folder."""
    return Path(text("CITY_ASSISTANT_ELIGIBILITY", str(catalogue_dir() / "eligibility")))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot.eligibility", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", default=str(rules_dir()), help="default: %(default)s")
    parser.add_argument("--catalogue", default=str(catalogue_dir()), help="default: %(default)s")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the rules against the catalogue")
    commands.add_parser("serve", help="run the HTTP JSON API")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            book = load_rules(args.rules, load_catalogue_files(args.catalogue))
            print(f"{args.rules}: valid ({len(book.facts)} facts, rules for "
                  f"{len(book.services)} services)")
            if book.uncovered:
                print(f"services without rules: {', '.join(book.uncovered)}", file=sys.stderr)
                return 1
            return 0
        import uvicorn

        from bot.eligibility.api import create_app
        from bot.eligibility.translatable import content_translator

        app = create_app(args.rules, args.catalogue,
                         translator=content_translator(args.rules, args.catalogue))
        uvicorn.run(app, host=text("ELIGIBILITY_HOST", "127.0.0.1"),
                    port=whole_number("ELIGIBILITY_PORT", 8010), ws="none")
    except (CatalogueError, RulesError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
