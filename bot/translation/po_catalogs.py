"""Curated translations, read from translations/<language>.po.

A translation is used only if it is complete and current: an entry marked fuzzy, or one
whose msgid no longer matches the source text, is ignored, so a changed English text is
never answered with the translation of its old wording.
"""
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po


class PoCatalogs:
    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def languages(self) -> list[str]:
        return sorted(path.stem for path in self._folder.glob("*.po"))

    def catalog(self, language: str) -> Catalog | None:
        return _read_catalog(self._folder / f"{language}.po")

    def lookup(self, context: str, source_text: str, language: str) -> str | None:
        catalog = self.catalog(language)
        if catalog is None:
            return None
        message = catalog.get(source_text, context=context)
        if message is None or message.fuzzy or not message.string:
            return None
        return str(message.string)


@lru_cache(maxsize=None)
def _read_catalog(path: Path) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=path.stem, abort_invalid=True)
