"""After filing: the status of a report, and its erasure, by reference number only.

A reference number reveals the status and the office, nothing else. Erasure needs the
erasure code shown once at filing (bot/reports/erasure.py), since reference numbers are
printed on kiosk slips and seen by staff; it asks once more before deleting, because it
cannot be undone, and every attempt is audited. The database is reached through the
callables the adapter passes in, so these functions stay free of sessions and Rasa.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.reports.chat_texts import (
    ChatContext,
    Message,
    default_context,
    reference_example,
    status_message,
)
from bot.reports.erasure import audit, code_matches
from bot.reports.filing import ReportStatus
from bot.reports.reference import normalise_reference

__all__ = [
    "EraseRequest",
    "erase_ask",
    "erase_next",
    "erase_result",
    "erase_take",
    "find_reference",
    "only_a_reference",
    "status_messages",
]

log = logging.getLogger(__name__)

# A reference as people type it: "LB-7K3Q-9XRM", "lb 7k3q 9xrm", "7K3Q9XRM".
_CANDIDATE = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z]{1,4}[\s._-]*)?[A-Za-z0-9]{4}[\s._-]?[A-Za-z0-9]{4}(?![A-Za-z0-9])"
)
_UNAVAILABLE = (SQLAlchemyError, OSError)


def only_a_reference(text: str) -> bool:
    """The message is a reference number and nothing else ("LB-7K3Q-9XRM", "lb 7k3q 9xrm
    ?"): the person wants to know about their report, whatever the words around it would
    have said."""
    if find_reference(text) is None:
        return False
    rest = _CANDIDATE.sub(" ", text or "")
    return not re.search(r"[^\W_]", rest)


def find_reference(text: str) -> str | None:
    """The first valid reference number in `text`, in its canonical form."""
    for candidate in _CANDIDATE.finditer(text or ""):
        canonical = normalise_reference(candidate.group(0))
        if canonical is not None:
            return canonical
    return None


def _ask_reference() -> Message:
    return Message("utter_report_ask_reference", {"example": reference_example()})


def _unknown(reference: str) -> Message:
    return Message("utter_report_unknown_reference",
                   {"report_number": reference, "example": reference_example()})


def status_messages(text: str, language: str, lookup: Callable[[str], ReportStatus | None],
                    context: ChatContext | None = None) -> list[Message]:
    """The status of the report named in `text` (`lookup` is bot.reports.report_status)."""
    reference = find_reference(text)
    if reference is None:
        return [_ask_reference()]
    try:
        status = lookup(reference)
    except _UNAVAILABLE:
        log.exception("report status lookup failed")
        return [Message("utter_report_lookup_failed")]
    if status is None:
        return [_unknown(reference)]
    return [status_message(reference, status, language, context or default_context())]


#: Wrong erasure codes allowed in one request before it ends with nothing deleted.
CODE_TRIES = 3


@dataclass(frozen=True)
class EraseRequest:
    """An erasure being asked for: the reference, whether its erasure code was given
    (`code_ok`; False once CODE_TRIES wrong codes were typed), and whether the person
    confirmed."""

    reference: str | None = None
    confirmed: bool | None = None
    asked: str | None = None
    code_ok: bool | None = None
    wrong_codes: int = 0

    def to_slot(self) -> dict[str, Any]:
        return {"reference": self.reference, "confirmed": self.confirmed, "asked": self.asked,
                "code_ok": self.code_ok, "wrong_codes": self.wrong_codes}

    @classmethod
    def from_slot(cls, value: Any) -> EraseRequest:
        if not isinstance(value, Mapping):
            return cls()
        return cls(value.get("reference"), value.get("confirmed"), value.get("asked"),
                   value.get("code_ok"), int(value.get("wrong_codes") or 0))


def erase_next(request: EraseRequest) -> str | None:
    if request.reference is None:
        return "reference"
    if request.code_ok is None:
        return "code"
    if request.code_ok and request.confirmed is None:
        return "confirm"
    return None


def erase_ask(request: EraseRequest, question: str) -> tuple[EraseRequest, list[Message]]:
    request = replace(request, asked=question)
    if question == "reference":
        return request, [_ask_reference()]
    if question == "code":
        return request, [Message("utter_report_ask_erasure_code",
                                 {"report_number": request.reference})]
    return request, [Message("utter_report_erase_confirm", {"report_number": request.reference})]


def erase_take(request: EraseRequest, text: str, yes: bool | None
               ) -> tuple[EraseRequest, list[Message]]:
    """Reads the answer to the question asked last (`yes` from the affirm/deny intents)."""
    if request.asked == "reference":
        reference = find_reference(text)
        if reference is None:
            return request, [Message("utter_report_not_understood")]
        return EraseRequest(reference, None, request.asked), []
    if request.asked == "code" and request.reference is not None:
        if code_matches(request.reference, text):
            return replace(request, code_ok=True), []
        wrong = request.wrong_codes + 1
        audit(request.reference, f"wrong erasure code ({wrong} of {CODE_TRIES})")
        if wrong >= CODE_TRIES:
            return replace(request, code_ok=False, wrong_codes=wrong), []
        return replace(request, wrong_codes=wrong), [Message("utter_report_erasure_code_wrong")]
    if request.asked == "confirm":
        if yes is None:
            return request, [Message("utter_report_not_understood")]
        return replace(request, confirmed=yes), []
    return request, []


def erase_result(request: EraseRequest, erase: Callable[[str], bool]) -> list[Message]:
    """Deletes when the code was right and the person confirmed (`erase` is
    bot.reports.erase_report in a session)."""
    if request.reference is None:
        return []
    if not request.code_ok or not request.confirmed:
        if request.code_ok:
            audit(request.reference, "kept: the person did not confirm")
        return [Message("utter_report_erase_kept", {"report_number": request.reference})]
    try:
        erased = erase(request.reference)
    except _UNAVAILABLE:
        log.exception("report erasure failed")
        audit(request.reference, "failed: database unavailable")
        return [Message("utter_report_lookup_failed")]
    if not erased:
        audit(request.reference, "no such report")
        return [_unknown(request.reference)]
    audit(request.reference, "erased at the reporter's request (erasure code given)")
    return [Message("utter_report_erased", {"report_number": request.reference})]
