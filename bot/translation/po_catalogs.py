"""Curated translations, read from translations/<text domain>/<language>.po.

A translation is used only if it is complete and current: an entry marked fuzzy, or one
whose msgid no longer matches the source text, is ignored, so a changed English text is
never answered with the translation of its old wording.

A PO file changed on disk (a new release of the translations, copied to every host) is read
again: each file is looked at no more often than every TRANSLATIONS_REFRESH_SECONDS
(default 30), and re-read only when its size or modification time changed, so every
process of every host answers with the new translations within that time, without a
restart.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from bot.settings import number

logger = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class _Read:
    signature: tuple[int, int] | None
    checked: float
    catalog: Catalog | None


_read: dict[Path, _Read] = {}
_reading = threading.Lock()


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_mtime_ns, status.st_size


def _read_catalog(path: Path) -> Catalog | None:
    """The file's catalog as it is now on disk (None when there is no such file)."""
    now = time.monotonic()
    known = _read.get(path)
    if known is not None and now - known.checked < number("TRANSLATIONS_REFRESH_SECONDS", 30):
        return known.catalog
    with _reading:
        signature = _signature(path)
        known = _read.get(path)
        if known is not None and known.signature == signature:
            _read[path] = _Read(signature, now, known.catalog)
            return known.catalog
        catalog = None
        if signature is not None:
            try:
                with path.open("rb") as handle:
                    catalog = read_po(handle, locale=path.stem, abort_invalid=True)
            except (PoFileError, OSError) as error:
                if known is None:
                    raise
                # Half copied, say: keep answering with what was read before, try again later.
                logger.warning("translations: cannot read %s (%s); keeping the earlier version",
                               path, type(error).__name__)
                _read[path] = _Read(known.signature, now, known.catalog)
                return known.catalog
        _read[path] = _Read(signature, now, catalog)
        return catalog


def forget_catalogs() -> None:
    """Read every file again on next use (after this process wrote them)."""
    with _reading:
        _read.clear()
