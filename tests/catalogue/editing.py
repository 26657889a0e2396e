"""Editing a copy of the catalogue in tests, remembering where the edit landed."""
from pathlib import Path


def edit(folder: Path, relative: str, old: str, new: str) -> int:
    """Replace the first `old` in a catalogue file with `new`; returns its 1-based line."""
    path = folder / relative
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {relative}"
    line = content[: content.index(old)].count("\n") + 1
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return line
