"""Maintain the curated translations.

    python -m bot.translation extract   # write translations/<text domain>/messages.pot
    python -m bot.translation update    # add new source texts to every <language>.po
    python -m bot.translation check     # exit 1 on a missing translation or placeholder mismatch

Each takes --domain NAME (repeatable) to work on some text domains only.
"""
import argparse
import sys
from datetime import UTC, datetime

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from bot.paths import translations_dir
from bot.translation.check import find_problems
from bot.translation.messages import SOURCE_LANGUAGE, SourceMessage
from bot.translation.po_catalogs import PoCatalogs, _read_catalog, forget_catalogs
from bot.translation.sources import SourceProvider, text_domains


def target_languages() -> list[str]:
    from bot.language import SUPPORTED

    return [language for language in SUPPORTED if language != SOURCE_LANGUAGE]


def template(messages: list[SourceMessage]) -> Catalog:
    catalog = Catalog(
        project="city-assistant",
        creation_date=datetime(2026, 1, 1, tzinfo=UTC),
        fuzzy=False,
    )
    for message in messages:
        flags = ("python-brace-format",) if message.placeholders else ()
        catalog.add(message.text, context=message.context, flags=flags)
    return catalog


def _write(catalog: Catalog, text_domain: str, file_name: str) -> None:
    folder = translations_dir() / text_domain
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / file_name).open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=False)


def extract(selected: dict[str, SourceProvider]) -> int:
    for name, messages in selected.items():
        _write(template(messages()), name, "messages.pot")
        print(f"wrote translations/{name}/messages.pot")
    return 0


def update(selected: dict[str, SourceProvider]) -> int:
    catalogs = PoCatalogs(translations_dir())
    for name, messages in selected.items():
        pot = template(messages())
        _write(pot, name, "messages.pot")
        for language in target_languages():
            path = catalogs.path(name, language)
            existing = _read_catalog(path) if path.exists() else None
            catalog = existing or Catalog(locale=language, fuzzy=False)
            catalog.update(pot, no_fuzzy_matching=False)
            catalog.obsolete.clear()
            _write(catalog, name, f"{language}.po")
        print(f"updated translations/{name}/ for {len(target_languages())} languages")
    forget_catalogs()
    return 0


def check(selected: dict[str, SourceProvider]) -> int:
    catalogs = PoCatalogs(translations_dir())
    total = 0
    for name, messages in selected.items():
        problems = find_problems(name, messages(), catalogs, target_languages())
        for problem in problems:
            print(f"{name}: {problem}")
        total += len(problems)
    print(f"{total} translation problems in {len(target_languages())} languages")
    return 1 if total else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.translation", description=__doc__)
    parser.add_argument("command", choices=["extract", "update", "check"])
    parser.add_argument("--domain", action="append", dest="domains", metavar="NAME")
    arguments = parser.parse_args(argv)
    domains = text_domains()
    unknown = sorted(set(arguments.domains or []) - set(domains))
    if unknown:
        parser.error(f"unknown text domain {', '.join(unknown)}; known: {', '.join(domains)}")
    selected = {name: domains[name] for name in arguments.domains or domains}
    command = {"extract": extract, "update": update, "check": check}[arguments.command]
    return command(selected)


if __name__ == "__main__":
    sys.exit(main())
