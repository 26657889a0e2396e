"""Curated translations, read from translations/<text domain>/<language>.po.

A translation is used only if it is complete and current: an entry marked fuzzy, or one
whose msgid no longer matches the source text, is ignored, so a changed English text is
never answered with the translation of its old wording.
"""
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po


class PoCatalogs:
    """All text domains' catalogs of a language, searched together (contexts are unique)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def text_domains(self) -> list[str]:
        return sorted(path.name for path in self._folder.iterdir() if path.is_dir())

    def path(self, text_domain: str, language: str) -> Path:
        return self._folder / text_domain / f"{language}.po"

    def catalogs(self, language: str) -> list[Catalog]:
        return [
            catalog
            for text_domain in self.text_domains()
            if (catalog := _read_catalog(self.path(text_domain, language))) is not None
        ]

    def lookup(self, context: str, source_text: str, language: str) -> str | None:
        for catalog in self.catalogs(language):
            message = catalog.get(source_text, context=context)
            if message is not None and not message.fuzzy and message.string:
                return str(message.string)
        return None


@lru_cache(maxsize=None)
def _read_catalog(path: Path) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=path.stem, abort_invalid=True)
