"""Maintain the curated translations.

    python -m bot.translation extract   # write translations/messages.pot from the sources
    python -m bot.translation update    # add new source texts to every <language>.po
    python -m bot.translation check     # exit 1 on a missing translation or placeholder mismatch
"""
import argparse
import sys
from datetime import datetime, timezone

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from bot.paths import domain_path, translations_dir
from bot.translation.check import find_problems
from bot.translation.messages import SOURCE_LANGUAGE, SourceMessage, response_messages
from bot.translation.po_catalogs import PoCatalogs, _read_catalog


def source_messages() -> list[SourceMessage]:
    return response_messages(domain_path())


def target_languages() -> list[str]:
    from bot.language import SUPPORTED

    return [language for language in SUPPORTED if language != SOURCE_LANGUAGE]


def template() -> Catalog:
    catalog = Catalog(
        project="city-assistant",
        creation_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
        fuzzy=False,
    )
    for message in source_messages():
        catalog.add(message.text, context=message.context, flags=_flags(message))
    return catalog


def _flags(message: SourceMessage) -> tuple[str, ...]:
    return ("python-brace-format",) if message.placeholders else ()


def _write(catalog: Catalog, path_name: str) -> None:
    path = translations_dir() / path_name
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=False)


def extract() -> int:
    _write(template(), "messages.pot")
    print(f"wrote {translations_dir() / 'messages.pot'}")
    return 0


def update() -> int:
    pot = template()
    for language in target_languages():
        path = translations_dir() / f"{language}.po"
        catalog = _read_catalog(path) if path.exists() else Catalog(locale=language, fuzzy=False)
        catalog.update(pot, no_fuzzy_matching=False)
        catalog.obsolete.clear()
        _write(catalog, f"{language}.po")
    _read_catalog.cache_clear()
    print(f"updated {len(target_languages())} catalogs in {translations_dir()}")
    return 0


def check() -> int:
    problems = find_problems(source_messages(), PoCatalogs(translations_dir()), target_languages())
    for problem in problems:
        print(problem)
    print(f"{len(problems)} translation problems in {len(target_languages())} languages")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.translation", description=__doc__)
    parser.add_argument("command", choices=["extract", "update", "check"])
    command = parser.parse_args(argv).command
    return {"extract": extract, "update": update, "check": check}[command]()


if __name__ == "__main__":
    sys.exit(main())
