"""The languages the assistant speaks, and facts about them that rendering needs."""

from __future__ import annotations

SUPPORTED: tuple[str, ...] = (
    "en", "de", "ar", "uk", "ru", "tr", "fa", "ps", "so", "ti", "fr", "es", "pl", "ro",
)

RTL: frozenset[str] = frozenset({"ar", "fa", "ps"})

# The language of the city administration: offices answer in it, documents are written in it.
CITY_LANGUAGE = "de"

# Each language in its own name and script, so a person can find theirs in a list.
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "ar": "العربية",
    "uk": "Українська",
    "ru": "Русский",
    "tr": "Türkçe",
    "fa": "فارسی",
    "ps": "پښتو",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "fr": "Français",
    "es": "Español",
    "pl": "Polski",
    "ro": "Română",
}


def text_direction(language: str) -> str:
    """Return "rtl" for right-to-left languages, else "ltr" (also for unknown codes)."""
    return "rtl" if language in RTL else "ltr"
