"""Whether a message tells of an incident, whatever the NLU took it for.

"The landlord refused me the flat because I am Afghan" reports something; the intent
classifier, trained on far more service questions than reports, sometimes takes such a
message for a question about flats or about where to complain. A message that asks
nothing (no question mark in any script) and names what happened, with a motive or with
two kinds of signal ("insulted me and refused an appointment"), starts the report, whose
first reply names the office anyway. One kind of signal alone ("the heating is broken",
"not life threatening") is not enough: those are service questions.
"""
from __future__ import annotations

import re

from bot.reports.chat_texts import ChatContext, default_context
from bot.reports.classify import classify
from bot.reports.lexicon import CRIME_SIGNALS, DISCRIMINATION_SIGNAL

__all__ = ["tells_of_incident"]

#: Question marks of the supported scripts: Latin/Cyrillic, Arabic script, Ethiopic.
_ASKS = re.compile("[?\u061f\u1367\uff1f]")
_SIGNALS = frozenset((*CRIME_SIGNALS, DISCRIMINATION_SIGNAL))


def tells_of_incident(text: str, language: str, context: ChatContext | None = None) -> bool:
    """True when `text` tells of an incident rather than asking about one (module doc)."""
    if not text or text.startswith("/") or _ASKS.search(text):
        return False
    context = context or default_context()
    found = classify(text, context.routes, language, context.lexicons)
    signals = _SIGNALS & found.evidence.keys()
    return bool(signals) and (found.incident.hate_motivated or len(signals) >= 2)
