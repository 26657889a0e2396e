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

from bot.reports.advice import asked_office_kind
from bot.reports.chat_texts import ChatContext, default_context
from bot.reports.classify import classify
from bot.reports.lexicon import CRIME_SIGNALS, DISCRIMINATION_SIGNAL

__all__ = ["asks", "is_about_reports", "names_what_happened", "tells_of_incident"]

#: Question marks of the supported scripts: Latin/Cyrillic, Arabic script, Ethiopic.
_ASKS = re.compile("[?\u061f\u1367\uff1f]")
_SIGNALS = frozenset((*CRIME_SIGNALS, DISCRIMINATION_SIGNAL))
#: What makes a question one about discrimination or hate crime, besides the signals.
_MATTERS = _SIGNALS | {"hate_motive", "danger", "counselling", "anonymous", "help_only"}


def asks(text: str) -> bool:
    """A question mark, in any of the supported scripts."""
    return bool(_ASKS.search(text))


def tells_of_incident(text: str, language: str, context: ChatContext | None = None) -> bool:
    """True when `text` tells of an incident rather than asking about one (module doc)."""
    if not text or text.startswith("/") or asks(text):
        return False
    context = context or default_context()
    found = classify(text, context.routes, language, context.lexicons)
    signals = _SIGNALS & found.evidence.keys()
    return bool(signals) and (found.incident.hate_motivated or len(signals) >= 2)


def is_about_reports(text: str, language: str, context: ChatContext | None = None) -> bool:
    """True when the lexicon finds anything a report or a question about one is made of:
    what happened, a motive, danger, counselling, anonymity or an office that takes reports.
    "What options are there for children under school age?" has none of it, whatever
    intent NLU gave it, and goes to the catalogue instead of the report advice."""
    if not text or text.startswith("/"):
        return False
    context = context or default_context()
    found = classify(text, context.routes, language, context.lexicons)
    if _MATTERS & found.evidence.keys():
        return True
    return asked_office_kind(text, context.lexicons[found.language]) is not None


def names_what_happened(text: str, language: str, context: ChatContext | None = None) -> bool:
    """The lexicon finds an incident or unfair treatment, or a motive ("where do I go if I
    experience discrimination?"): narrower than `is_about_reports`, for turning a question
    the catalogue has no clear answer to towards the advice."""
    if not text or text.startswith("/"):
        return False
    context = context or default_context()
    found = classify(text, context.routes, language, context.lexicons)
    return bool((_SIGNALS | {"hate_motive"}) & found.evidence.keys())
