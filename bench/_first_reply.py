"""What the assistant's first reply did, read from the REST channel by the reply contract.

One rule for every benchmark that asks "what did a person get?":

  sources      the services answered (`custom.sources`)
  candidates   the services offered to choose from (`custom.candidates`; until every reply
               carries it, the choice buttons' payloads, `/ask_how{"service": "<id>"}`)
  offices      the offices named (`custom.office`), in the order they came
  unanswered   "no information" / "say it in other words" / out of scope
               (`custom.answered` is false: bot.responses.message.turn_answered)
  eligibility  an eligibility check started (its buttons carry the check's intents)
  report       a report intake started (a question of the report form was asked)
  languages    the languages the turns were in (`custom.language`)
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.eligibility.chat import ANSWER_INTENT, CHECK_INTENT
from bot.language import SUPPORTED
from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.responses.message import turn_answered
from bot.translation import PoCatalogs
from tests.conversation.replies import Turn, turns

__all__ = ["FirstReply", "read_first_reply"]

_CHOICE_PAYLOAD = re.compile(r"^/ask_\w+(\{.*\})$")
_REPORT_PAYLOAD = "/report_incident"
#: The emergency check's "I am safe" button is no report question.
_SAFE_CHOICE = "safe"
#: Questions only the report form asks (texts without filled-in values).
_REPORT_QUESTIONS = (
    "utter_report_intro",
    "utter_report_office_check",
    "utter_report_ask_type",
    "utter_report_ask_setting",
    "utter_report_ask_description",
    "utter_report_ask_where",
    "utter_report_ask_when",
)
_ELIGIBILITY_OPENINGS = ("utter_eligibility_which_service", "utter_eligibility_start")
_SENTINEL = "\x00"


@dataclass(frozen=True)
class FirstReply:
    sources: tuple[dict[str, Any], ...]
    candidates: tuple[str, ...]
    offices: tuple[dict[str, Any], ...]
    unanswered: bool
    eligibility: bool
    report: bool
    languages: tuple[str, ...]
    texts: tuple[str, ...]

    @property
    def service_ids(self) -> tuple[str, ...]:
        return tuple(str(source.get("id")) for source in self.sources)

    @property
    def emergency_first(self) -> bool:
        """112 before anything else that names an office or asks a report question."""
        return bool(self.offices) and self.offices[0].get("kind") == "emergency"

    def summary(self) -> str:
        parts = []
        if self.sources:
            parts.append("answered " + ",".join(self.service_ids))
        if self.candidates:
            parts.append("offered " + ",".join(self.candidates))
        if self.offices:
            parts.append("office " + ",".join(str(o.get("id")) for o in self.offices))
        for flag in ("unanswered", "eligibility", "report"):
            if getattr(self, flag):
                parts.append(flag)
        return "; ".join(parts) or "nothing recognised"


def read_first_reply(messages: list[dict[str, Any]]) -> FirstReply:
    replies = turns(messages)
    sources: list[dict[str, Any]] = []
    candidates: list[str] = []
    offices: list[dict[str, Any]] = []
    for turn in replies:
        sources.extend(s for s in turn.custom.get("sources") or [] if s not in sources)
        candidates.extend(_candidates(turn))
        if turn.custom.get("office"):
            offices.append(turn.custom["office"])
    return FirstReply(
        sources=tuple(sources),
        candidates=tuple(dict.fromkeys(candidates)),
        offices=tuple(offices),
        unanswered=not turn_answered(messages),
        eligibility=any(_starts_eligibility(turn) for turn in replies),
        report=any(_asks_report_question(turn) for turn in replies),
        languages=tuple(str(t.custom["language"]) for t in replies if "language" in t.custom),
        texts=tuple(turn.text for turn in replies if turn.text),
    )


def _candidates(turn: Turn) -> list[str]:
    listed = turn.custom.get("candidates")
    if listed:
        return [str(item.get("id")) for item in listed]
    found = []
    for button in turn.buttons:
        match = _CHOICE_PAYLOAD.match(str(button.get("payload", "")))
        if match:
            try:
                service = json.loads(match.group(1)).get("service")
            except (ValueError, AttributeError):
                continue
            if service:
                found.append(str(service))
    return found


def _payloads(turn: Turn) -> list[str]:
    return [str(button.get("payload", "")) for button in turn.buttons]


def _starts_eligibility(turn: Turn) -> bool:
    if any(p.startswith((f"/{ANSWER_INTENT}", f"/{CHECK_INTENT}")) for p in _payloads(turn)):
        return True
    text = turn.text.strip()
    return bool(text) and text.startswith(_eligibility_openings())


def _asks_report_question(turn: Turn) -> bool:
    for payload in _payloads(turn):
        if payload.startswith(_REPORT_PAYLOAD) and _SAFE_CHOICE not in payload:
            return True
    return turn.text.strip() in _report_questions()


@lru_cache(maxsize=1)
def _renderer() -> ResponseRenderer:
    return ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))


@lru_cache(maxsize=1)
def _report_questions() -> frozenset[str]:
    return frozenset(
        _renderer().render(name, language, {}).text.strip()
        for name in _REPORT_QUESTIONS
        for language in SUPPORTED
    )


@lru_cache(maxsize=1)
def _eligibility_openings() -> tuple[str, ...]:
    """How the check's first replies begin in every language (up to a filled-in value)."""
    openings = set()
    for name in _ELIGIBILITY_OPENINGS:
        for language in SUPPORTED:
            text = _renderer().render(name, language, {"services": _SENTINEL}).text
            opening = text.split(_SENTINEL)[0].strip()
            if opening:
                openings.add(opening)
    return tuple(openings)
