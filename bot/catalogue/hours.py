"""Opening hours as people read them in their language: "Mon–Fri 09:00–16:00".

Day names, lists and time ranges come from Babel (CLDR), so every supported language is
covered without translating anything by hand; notes come from the catalogue's texts.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton, get_day_names
from babel.lists import format_list

from bot.catalogue.types import WEEKDAYS, Office, OpeningHours, Text

__all__ = ["format_opening_hours"]

_RANGE = "–"  # en dash, as CLDR uses between times
_LAST_MINUTE = time(23, 59)


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _day_runs(days: tuple[str, ...]) -> list[list[int]]:
    """Weekday numbers (0 = Monday) split into runs of consecutive days."""
    runs: list[list[int]] = []
    for day in sorted({WEEKDAYS.index(day) for day in days}):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _days_text(days: tuple[str, ...], locale: Locale) -> str:
    # CLDR's "format" abbreviations: Babel 2.18 mixes up some "stand-alone" ones.
    names = get_day_names("abbreviated", context="format", locale=locale)
    parts: list[str] = []
    for run in _day_runs(days):
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}{_RANGE}{names[run[-1]]}")
        else:
            parts.extend(names[day] for day in run)
    return format_list(parts, locale=locale) if len(parts) > 1 else parts[0]


def _times_text(hours: OpeningHours, locale: Locale) -> str:
    if hours.closes is not None:
        return format_interval(hours.opens, hours.closes, "Hm", locale=locale)
    last_minute = format_skeleton("Hm", _LAST_MINUTE, locale=locale)
    midnight = last_minute.replace("23", "24", 1).replace("59", "00", 1)
    return format_interval(hours.opens, _LAST_MINUTE, "Hm", locale=locale).replace(
        last_minute, midnight
    )


NoteText = Callable[[Text, int], str]


def format_opening_hours(
    office: Office, language: str, note_text: NoteText | None = None
) -> str:
    """The office's opening hours in `language`, one line per group of days.

    Days sharing the same times and note are merged ("Mon–Thu", "Mon and Wed"); lines are
    in weekday order. Returns "" for an office without fixed hours (e.g. a website).
    `note_text(note, index)` renders a note (index: its entry in office.opening_hours),
    e.g. from the curated translations; by default the note's inline text is used.
    """
    locale = _locale(language)
    groups: dict[tuple[Any, ...], list[str]] = {}
    entries: dict[tuple[Any, ...], tuple[int, OpeningHours]] = {}
    for index, entry in enumerate(office.opening_hours):
        note_key = tuple(sorted(entry.note.values.items())) if entry.note else None
        key = (entry.opens, entry.closes, note_key)
        groups.setdefault(key, []).extend(entry.days)
        entries.setdefault(key, (index, entry))
    lines: list[tuple[int, time, str]] = []
    for key, days in groups.items():
        index, hours = entries[key]
        line = f"{_days_text(tuple(days), locale)} {_times_text(hours, locale)}"
        if hours.note is not None:
            note = note_text(hours.note, index) if note_text else hours.note.in_language(language)
            line += f" ({note})"
        first_day = min(WEEKDAYS.index(day) for day in days)
        lines.append((first_day, hours.opens, line))
    return "\n".join(line for _, _, line in sorted(lines, key=lambda item: item[:2]))
