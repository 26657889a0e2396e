"""A new release of the translations, copied onto a running host, is used without a
restart; a file caught half copied does not break the replies."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from bot.paths import translations_dir
from bot.translation.po_catalogs import PoCatalogs, forget_catalogs

CONTEXT = "response:utter_busy"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    copy = tmp_path / "translations"
    shutil.copytree(translations_dir() / "foundation", copy / "foundation")
    monkeypatch.setenv("TRANSLATIONS_REFRESH_SECONDS", "0")
    forget_catalogs()
    yield copy
    forget_catalogs()


def _busy_source(folder: Path) -> str:
    with (folder / "foundation" / "de.po").open("rb") as handle:
        catalog = read_po(handle, locale="de")
    return next(str(m.id) for m in catalog if m.context == CONTEXT)


def _release(path: Path, context: str, translation: str) -> None:
    """Writes the file as a deployment does: a new file moved over the old one."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.stem)
    for message in catalog:
        if message.context == context:
            message.string = translation
    staged = path.with_suffix(".new")
    with staged.open("wb") as handle:
        write_po(handle, catalog)
    os.replace(staged, path)


def test_a_changed_translation_is_answered_without_a_restart(folder: Path) -> None:
    catalogs = PoCatalogs(folder)
    source = _busy_source(folder)
    before = catalogs.lookup(CONTEXT, source, "de")
    assert before and "112" in before

    _release(folder / "foundation" / "de.po", CONTEXT,
             "Gerade schreiben mir sehr viele Menschen. Bitte warten Sie kurz. Im Notfall: 112.")

    assert catalogs.lookup(CONTEXT, source, "de") == (
        "Gerade schreiben mir sehr viele Menschen. Bitte warten Sie kurz. Im Notfall: 112.")


def test_files_are_looked_at_again_only_after_the_refresh_time(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATIONS_REFRESH_SECONDS", "3600")
    catalogs = PoCatalogs(folder)
    source = _busy_source(folder)
    before = catalogs.lookup(CONTEXT, source, "de")

    _release(folder / "foundation" / "de.po", CONTEXT, "Neu: bitte warten. Notfall: 112.")

    assert catalogs.lookup(CONTEXT, source, "de") == before


def test_a_file_caught_half_copied_keeps_the_earlier_translations(folder: Path) -> None:
    catalogs = PoCatalogs(folder)
    source = _busy_source(folder)
    before = catalogs.lookup(CONTEXT, source, "de")
    path = folder / "foundation" / "de.po"
    text = path.read_bytes()
    path.write_bytes(text[: len(text) // 2] + b'\nmsgid "unterminated\n')

    assert catalogs.lookup(CONTEXT, source, "de") == before

    path.write_bytes(text)
    assert catalogs.lookup(CONTEXT, source, "de") == before
