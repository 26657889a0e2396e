"""What the chat forms (eligibility check, reports) read from the tracker alike: whether
the message in hand answers the form's last question."""
from __future__ import annotations

from rasa_sdk import Tracker

__all__ = ["answered_just_now"]


def answered_just_now(tracker: Tracker, form: str) -> bool:
    """True when the person wrote since `form` last ran; False when the form starts or
    resumes after an interruption. The last action event is the form itself (added by
    Rasa for the validation); what came before it tells."""
    seen_form = False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "action":
            if not seen_form and event.get("name") == form:
                seen_form = True
                continue
            return False
        if kind == "user" and seen_form:
            return True
    return False
