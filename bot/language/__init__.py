"""Language detection and the reply-language decision for chat messages (docs/language.md)."""

from ._text import without_neutral_tokens
from .decision import LanguageDecision, decide
from .detection import Detection, detect
from .explicit import explicit_choice
from .languages import CITY_LANGUAGE, LANGUAGE_NAMES, RTL, SUPPORTED, text_direction

__all__ = [
    "CITY_LANGUAGE",
    "Detection",
    "LANGUAGE_NAMES",
    "LanguageDecision",
    "RTL",
    "SUPPORTED",
    "decide",
    "detect",
    "explicit_choice",
    "text_direction",
    "without_neutral_tokens",
]
