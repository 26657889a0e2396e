"""The conversation prior: which language to answer in, given what we spoke so far."""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import SettingsError, number

from .detection import Detection, detect
from .explicit import explicit_choice
from .languages import SUPPORTED

DEFAULT_LANGUAGE = "en"
# LANGUAGE_SWITCH_CONFIDENCE: confidence a detection needs to change the conversation's language.
DEFAULT_SWITCH_CONFIDENCE = 0.8
# LANGUAGE_FIRST_CONFIDENCE: confidence a detection needs to set the language of a new conversation.
DEFAULT_FIRST_CONFIDENCE = 0.5


@dataclass(frozen=True)
class LanguageDecision:
    """The language to answer in, and whether this message changed it."""

    language: str
    switched: bool
    previous: str | None
    reason: str


def _threshold(name: str, default: float) -> float:
    try:
        return number(name, default)
    except SettingsError:  # a wrong threshold must not stop every chat; settings check shows it
        return default


def decide(
    text: str,
    current: str | None,
    explicit: str | None = None,
    detection: Detection | None = None,
) -> LanguageDecision:
    """Choose the reply language: explicit choice > confident detection > current > English."""
    current = current if current in SUPPORTED else None
    fallback = current or DEFAULT_LANGUAGE

    def to(language: str, reason: str) -> LanguageDecision:
        switched = current is not None and language != current
        return LanguageDecision(language, switched, current if switched else None, reason)

    if explicit in SUPPORTED:
        return to(explicit, "explicit:metadata")
    asked = explicit_choice(text)
    if asked is not None:
        return to(asked, "explicit:text")
    found = detection if detection is not None else detect(text)
    if found.unsupported:
        return to(fallback, f"unsupported:{found.unsupported}")
    if found.language is None:
        return to(fallback, f"kept:{found.reason}")
    if current is None:
        if found.confidence >= _threshold("LANGUAGE_FIRST_CONFIDENCE", DEFAULT_FIRST_CONFIDENCE):
            return to(found.language, f"detected:{found.reason}")
        return to(DEFAULT_LANGUAGE, f"default:{found.reason}")
    if found.language == current:
        return to(current, f"same:{found.reason}")
    if found.confidence >= _threshold("LANGUAGE_SWITCH_CONFIDENCE", DEFAULT_SWITCH_CONFIDENCE):
        return to(found.language, f"detected:{found.reason}")
    return to(current, f"kept:uncertain:{found.reason}")
