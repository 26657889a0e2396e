"""Whether a message tells of an incident, whatever the NLU took it for.

"The landlord refused me the flat because I am Afghan" reports something; the intent
classifier, trained on far more service questions than reports, sometimes takes such a
message for a question about flats or about where to complain. A message that asks
nothing (no question mark in any script) and names what happened, with a motive or with
two kinds of signal ("insulted me and refused an appointment"), starts the report, whose
first reply names the office anyway. One kind of signal alone ("the heating is broken",
"not life threatening") is not enough: those are service questions.

`read_message` classifies a message once; an action asks the reading all it needs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reports.advice import asked_office_kind
from bot.reports.chat_texts import ChatContext, default_context
from bot.reports.classify import Classification, classify
from bot.reports.lexicon import CRIME_SIGNALS, DISCRIMINATION_SIGNAL

__all__ = ["Reading", "asks", "is_about_reports", "names_what_happened", "read_message",
           "tells_of_incident"]

#: Question marks of the supported scripts: Latin/Cyrillic, Arabic script, Ethiopic.
_ASKS = re.compile("[?\u061f\u1367\uff1f]")
_SIGNALS = frozenset((*CRIME_SIGNALS, DISCRIMINATION_SIGNAL))
#: What happened, or why: enough to turn an unclear question towards the advice.
_HAPPENED = _SIGNALS | {"hate_motive"}
#: What makes a question one about discrimination or hate crime, besides the signals. A
#: word for counselling alone does not: "Beratung", "wsparcie", "sfat", "conseil" are as
#: often advice about a flat or social support; victim counselling is named as an office
#: (`asked_office_kind`), and with a motive or an incident the word is not needed.
_MATTERS = _SIGNALS | {"hate_motive", "danger", "anonymous", "help_only"}


def asks(text: str) -> bool:
    """A question mark, in any of the supported scripts."""
    return bool(_ASKS.search(text))


@dataclass(frozen=True)
class Reading:
    """One message as the report lexicon reads it; `found` is None for no typed text."""

    text: str
    found: Classification | None
    context: ChatContext

    def _evidence(self) -> frozenset[str]:
        return frozenset(self.found.evidence) if self.found else frozenset()

    @property
    def tells_of_incident(self) -> bool:
        """It tells of an incident rather than asking about one (module doc)."""
        if self.found is None or asks(self.text):
            return False
        signals = _SIGNALS & self._evidence()
        return bool(signals) and (self.found.incident.hate_motivated or len(signals) >= 2)

    @property
    def is_about_reports(self) -> bool:
        """Anything a report or a question about one is made of: what happened, a motive,
        danger, anonymity or an office that takes reports. "What options are
        there for children under school age?" has none of it, whatever intent NLU gave it,
        and goes to the catalogue instead of the report advice."""
        if self.found is None:
            return False
        if _MATTERS & self._evidence():
            return True
        lexicon = self.context.lexicons[self.found.language]
        return asked_office_kind(self.text, lexicon) is not None

    @property
    def names_what_happened(self) -> bool:
        """An incident, unfair treatment or a motive ("where do I go if I experience
        discrimination?"): narrower than `is_about_reports`, for turning a question the
        catalogue has no clear answer to towards the advice."""
        return bool(_HAPPENED & self._evidence())


def read_message(text: str, language: str, context: ChatContext | None = None) -> Reading:
    """Classify `text` once (nothing to classify in an empty message or a button payload)."""
    context = context or default_context()
    if not text or text.startswith("/"):
        return Reading(text, None, context)
    return Reading(text, classify(text, context.routes, language, context.lexicons), context)


def tells_of_incident(text: str, language: str, context: ChatContext | None = None) -> bool:
    return read_message(text, language, context).tells_of_incident


def is_about_reports(text: str, language: str, context: ChatContext | None = None) -> bool:
    return read_message(text, language, context).is_about_reports


def names_what_happened(text: str, language: str, context: ChatContext | None = None) -> bool:
    return read_message(text, language, context).names_what_happened
