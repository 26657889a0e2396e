"""Install and inspect the offline translation models.

    python -m bot.machine_translation install FILE.argosmodel [FILE ...]
    python -m bot.machine_translation list
    python -m bot.machine_translation translate --from de --to ar "Text to try"

Packages go to ARGOS_PACKAGES_DIR (default <project>/var/argos-packages). Running
servers load models at start: restart them after installing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.language import SUPPORTED
from bot.machine_translation.argos import PIVOT, from_environment
from bot.machine_translation.packages import PackageError, install
from bot.machine_translation.settings import TranslationSettings, settings_from_environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.machine_translation")
    commands = parser.add_subparsers(dest="command", required=True)
    installing = commands.add_parser("install", help="install .argosmodel files")
    installing.add_argument("files", nargs="+", type=Path)
    commands.add_parser("list", help="installed packages and the languages they cover")
    trying = commands.add_parser("translate", help="translate one text with the installed models")
    trying.add_argument("--from", dest="source", required=True)
    trying.add_argument("--to", dest="target", required=True)
    trying.add_argument("text")
    arguments = parser.parse_args(argv)
    settings = settings_from_environment()
    if arguments.command == "install":
        return _install(arguments.files, settings)
    if arguments.command == "list":
        return _list(settings)
    return _translate(arguments.text, arguments.source, arguments.target, settings)


def _install(files: list[Path], settings: TranslationSettings) -> int:
    failed = 0
    for file in files:
        try:
            package = install(file, settings.packages_dir)
        except (PackageError, OSError) as error:
            print(f"not installed: {error}", file=sys.stderr)
            failed += 1
            continue
        pair = f"{package.source} -> {package.target}"
        print(f"installed {pair} {package.version} ({package.path.name})")
    return 1 if failed else 0


def _list(settings: TranslationSettings) -> int:
    translator = from_environment(settings)
    packages = translator.installed()
    print(f"packages in {settings.packages_dir}:")
    for package in packages:
        print(f"  {package.source} -> {package.target}  {package.version:<6} {package.path.name}")
    if not packages:
        print("  (none)")
    pairs = translator.available_pairs()
    print(f"supported languages, to and from {PIVOT} (directly or through {PIVOT}):")
    for language in SUPPORTED:
        if language == PIVOT:
            continue
        into = "yes" if (PIVOT, language) in pairs else "no"
        out_of = "yes" if (language, PIVOT) in pairs else "no"
        print(f"  {language}: {PIVOT}->{language} {into:<3}  {language}->{PIVOT} {out_of}")
    return 0


def _translate(text: str, source: str, target: str, settings: TranslationSettings) -> int:
    translator = from_environment(settings)
    result = translator.translate(text, source, target)
    if result is None:
        withheld = [row["reasons"] for row in translator.counts.figures() if row["withheld"]]
        if withheld:
            reasons = ", ".join(withheld[0])
            print(f"withheld by the quality gate ({reasons}): not shown", file=sys.stderr)
        else:
            print(f"no model for {source} -> {target}", file=sys.stderr)
        return 1
    print(result.text)
    print(f"({result.model}{', through ' + result.pivot if result.pivot else ''})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
