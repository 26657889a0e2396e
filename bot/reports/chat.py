"""The report intake as a chat: what to ask next, what an answer means, and filing.

Pure logic over an `Intake` (kept by the Rasa adapter, actions/reports.py, in one slot)
and the routing table; replies are `Message`s (a response name and its arguments). The
order is the safety policy: danger now gets 112 before anything else; then the office
that handles the report and why, before any other question; then what happened, where,
when, who, witnesses, contact (with explicit consent) and on whose behalf; then a
summary and, only when the person says so, filing. The report is committed before the
person hears it was filed.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.reports.chat_texts import (
    ChatContext,
    Content,
    Message,
    deadline_message,
    default_context,
    office_arguments,
    office_contact,
    office_messages,
    what_next_message,
    with_content,
)
from bot.reports.classify import classify
from bot.reports.erasure import erasure_code
from bot.reports.filing import Contact, FiledReport, ReportDraft
from bot.reports.incident import Incident
from bot.reports.routing import RoutingDecision, route
from bot.reports.routing_table import RoutingTable
from bot.reports.safe_text import InvalidField, TextTooLong, clean_email, clean_phone, clean_text
from bot.reports.safety import (
    CRY_FOR_HELP,
    DANGER,
    danger_signal,
    emergency_message,
    emergency_messages,
)

__all__ = [
    "ASK",
    "INTERRUPTIONS",
    "QUESTIONS",
    "SAFE_CHOICE",
    "TYPE_CHOICES",
    "Intake",
    "Reply",
    "Start",
    "Step",
    "answer",
    "ask",
    "draft",
    "emergency_messages",
    "incident_of",
    "next_question",
    "parse_contact",
    "start",
]

log = logging.getLogger(__name__)

YES_INTENT, NO_INTENT, SKIP_INTENT = "affirm", "deny", "skip_question"
#: Intents that leave the form for a moment (rules in data/rules/reports.yml).
INTERRUPTIONS = frozenset({"goodbye", "talk_to_person", "choose_language"})
#: A typed answer to a choice question is an interruption only when the NLU is this sure.
INTERRUPTION_CONFIDENCE = 0.85
#: The type buttons: the incident types of routing.yml a person can tell apart, and
#: "treated unfairly", whose type follows from the setting.
GENERIC_DISCRIMINATION = "discrimination"
TYPE_CHOICES = ("physical_attack", "threat", "insult_or_harassment",
                "property_damage_or_graffiti", GENERIC_DISCRIMINATION, "other")
#: The "I am safe now" button after an emergency reply.
SAFE_CHOICE = "safe"
#: The "No, thank you" button of the offer to report, after the advice: it carries the
#: report intent, whose rule applies whichever action gave the advice.
DECLINED_CHOICE = "declined"
#: Words enough for a first message to count as the description of what happened.
DESCRIPTION_WORDS = 8
#: Answers that show a first message is about an incident at all.
NAMES_INCIDENT = frozenset({"type", "setting", "anonymous"})

QUESTIONS = ("type", "setting", "office", "description", "where", "when", "people",
             "witnesses", "anonymous", "contact", "on_behalf", "confirm")
#: Free-text questions and the report field (and size limit) each answer goes to.
FREE_TEXT = {"description": "description", "where": "occurred_where",
             "when": "occurred_when", "people": "people_involved", "witnesses": "witnesses"}
ASK = {
    "type": "utter_report_ask_type",
    "setting": "utter_report_ask_setting",
    "description": "utter_report_ask_description",
    "where": "utter_report_ask_where",
    "when": "utter_report_ask_when",
    "people": "utter_report_ask_people",
    "witnesses": "utter_report_ask_witnesses",
    "anonymous": "utter_report_ask_contact_consent",
    "contact": "utter_report_ask_contact",
    "on_behalf": "utter_report_ask_on_behalf",
}
NOT_UNDERSTOOD = Message("utter_report_not_understood")
_WORD = re.compile(r"\w+")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"\+?\d[\d ()/.-]{4,}\d")


@dataclass(frozen=True)
class Reply:
    """What the person sent: typed text, or a button (intent and `report_choice`)."""

    text: str = ""
    intent: str | None = None
    choice: str | None = None
    confidence: float = 1.0

    @property
    def typed(self) -> str:
        """The text as typed; "" for a button payload."""
        return "" if self.text.startswith("/") else self.text.strip()


@dataclass(frozen=True)
class Intake:
    """Everything the intake knows so far. `answers` maps a question to its answer
    (None for a skipped one); a question is done once it has a key there."""

    answers: Mapping[str, Any] = field(default_factory=dict)
    district: str | None = None
    hate_motivated: bool = False
    wants_counselling: bool = False
    correcting: bool = False
    asked: str | None = None
    shown_office: str | None = None
    save_failed: bool = False
    reference: str | None = None
    waiting_for_safety: bool = False
    # The conversation's language when the report was begun, which the description is
    # written in: the report keeps it even if the person switches language before sending.
    language: str | None = None

    def with_answers(self, **changes: Any) -> Intake:
        return replace(self, answers={**self.answers, **changes})

    def without(self, *questions: str) -> Intake:
        return replace(self, answers={k: v for k, v in self.answers.items()
                                      if k not in questions})

    def to_slot(self) -> dict[str, Any]:
        return {
            "answers": dict(self.answers), "district": self.district,
            "hate_motivated": self.hate_motivated, "wants_counselling": self.wants_counselling,
            "correcting": self.correcting, "asked": self.asked,
            "shown_office": self.shown_office, "save_failed": self.save_failed,
            "reference": self.reference, "waiting_for_safety": self.waiting_for_safety,
            "language": self.language,
        }

    @classmethod
    def from_slot(cls, value: Any) -> Intake | None:
        if not isinstance(value, Mapping):
            return None
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in value.items() if k in known})


@dataclass(frozen=True)
class Start:
    """What the first message leads to: the replies, and the intake to run (or None)."""

    intake: Intake | None
    messages: list[Message]
    start_form: bool

    @property
    def only_offered(self) -> bool:
        """Nothing named an incident and nobody is in danger: the report is only offered."""
        return not self.start_form and [message.response for message in self.messages] == [
            "utter_report_offer", ASK["type"]]


@dataclass(frozen=True)
class Step:
    intake: Intake
    messages: list[Message] = field(default_factory=list)
    #: The message was not an answer but an interruption another rule handles.
    rejected: bool = False


def incident_of(intake: Intake, routes: RoutingTable) -> Incident:
    """The incident as answered so far; "treated unfairly" takes its type from the setting."""
    setting = intake.answers.get("setting") or "other"
    kind = intake.answers.get("type") or "other"
    if kind == GENERIC_DISCRIMINATION:
        kind = routes.discrimination_types.get(setting, "other")
    return Incident(type=kind, setting=setting, district=intake.district,
                    hate_motivated=intake.hate_motivated,
                    anonymous=intake.answers.get("anonymous") is True,
                    wants_counselling=intake.wants_counselling)


def decision_of(intake: Intake, routes: RoutingTable) -> RoutingDecision:
    return route(incident_of(intake, routes), routes)


def _setting_needed(intake: Intake, routes: RoutingTable) -> bool:
    if "setting" in intake.answers:
        return False
    kind = intake.answers.get("type")
    if intake.correcting or kind == GENERIC_DISCRIMINATION:
        return True
    if kind is None:
        return False
    offices = {route(Incident(kind, setting), routes).office_id for setting in routes.settings}
    return len(offices) > 1


def next_question(intake: Intake, routes: RoutingTable) -> str | None:
    """The next question to ask, or None when the intake is over (filed or cancelled)."""
    if intake.reference is not None or intake.answers.get("confirm") is False:
        return None
    for question in QUESTIONS:
        if question in intake.answers:
            continue
        if question == "setting" and not _setting_needed(intake, routes):
            continue
        if question == "contact" and intake.answers.get("anonymous") is not False:
            continue
        return question
    return None


def _read_incident(text: str, language: str, context: ChatContext
                   ) -> tuple[dict[str, Any], Incident]:
    """The type and setting a message names, as answers, and the classifier's incident."""
    found = classify(text, context.routes, language, context.lexicons)
    answers: dict[str, Any] = {}
    unfair_here = context.routes.discrimination_types.get(found.incident.setting)
    if found.incident.type != "other":
        answers["type"] = found.incident.type
    elif "discrimination" in found.evidence:
        answers["type"] = GENERIC_DISCRIMINATION
    elif unfair_here and found.incident.hate_motivated:
        # "The landlord won't give me the flat because I am Syrian": no refusal word the
        # lexicon knows, but a motive in a setting where unfair treatment is discrimination.
        answers["type"] = unfair_here
    if found.incident.setting != "other":
        answers["setting"] = found.incident.setting
    return answers, found.incident


def _describes(text: str, answers: Mapping[str, Any]) -> bool:
    """A first message names what happened ("he hit me"), not only that something did
    ("I want to report discrimination")."""
    specific = answers.get("type") not in (None, GENERIC_DISCRIMINATION)
    return specific or len(_WORD.findall(text)) >= DESCRIPTION_WORDS


def _intake_from_text(text: str, language: str, context: ChatContext) -> Intake:
    answers, incident = _read_incident(text, language, context)
    if _describes(text, answers):
        try:
            answers["description"] = clean_text(text, "description")
        except TextTooLong:
            pass
    if incident.anonymous:
        answers["anonymous"] = True
    return Intake(answers=answers, district=incident.district,
                  hate_motivated=incident.hate_motivated,
                  wants_counselling=incident.wants_counselling)


def start(reply: Reply, language: str, context: ChatContext | None = None, *,
          previous: Intake | None = None, warned: bool = False, danger: bool = False) -> Start:
    """See `_start`; the intake remembers the language the report was begun in."""
    begun = _start(reply, language, context, previous=previous, warned=warned, danger=danger)
    if begun.intake is not None and begun.intake.language is None:
        return replace(begun, intake=replace(begun.intake, language=language))
    return begun


def _start(reply: Reply, language: str, context: ChatContext | None = None, *,
           previous: Intake | None = None, warned: bool = False, danger: bool = False) -> Start:
    """The first message of a report (or the "I am safe now" button after an emergency).

    Danger now (a danger phrase in the text): 112 at once and no question; what the
    person wrote is kept, so the report can go on when they are safe. When only the NLU
    heard danger (`danger`) and no phrase shows it, the same, but 112 comes as "if you are
    in danger right now" rather than "you said you are in danger": the classifier is sure
    of itself even about "order me a burger". Otherwise the intake starts with what
    the message says. `warned`: an emergency reply already went out this turn.
    """
    context = context or default_context()
    if reply.choice == SAFE_CHOICE and previous is not None and previous.waiting_for_safety:
        return Start(replace(previous, waiting_for_safety=False), [], True)
    intro = Message("utter_report_intro")
    if reply.choice in TYPE_CHOICES:
        kept = previous if previous is not None and "type" not in previous.answers else Intake()
        return Start(replace(kept.with_answers(type=reply.choice), waiting_for_safety=False),
                     [intro], True)
    text = reply.typed
    signal = danger_signal(text, language, context.lexicons)
    if danger and signal is None:
        signal = CRY_FOR_HELP
    messages = [] if warned or signal is None else [emergency_message(signal, language, context)]
    if signal == DANGER or danger:
        intake = replace(_intake_from_text(text, language, context), waiting_for_safety=True)
        return Start(intake, [*messages, Message("utter_report_after_emergency")], False)
    intake = _intake_from_text(text, language, context) if text else Intake()
    if not intake.answers.keys() & NAMES_INCIDENT:
        # Nothing in the message names an incident ("I want to report something", or a
        # question the NLU took for a report): offer the choice and start no form, so a
        # person who meant something else is never held in the questions. What they
        # wrote is kept for when they choose.
        offer = [Message("utter_report_offer"), Message(ASK["type"])]
        return Start(intake if intake.answers else None, [*messages, *offer], False)
    return Start(intake, [*messages, intro], True)


def ask(intake: Intake, question: str, language: str,
        context: ChatContext | None = None) -> tuple[Intake, list[Message]]:
    """The question's messages; asking "office" states the office and why first."""
    context = context or default_context()
    intake = replace(intake, asked=question)
    if question == "office":
        decision = decision_of(intake, context.routes)
        messages = office_messages(decision, language, context)
        return (replace(intake, shown_office=decision.office_id),
                [*messages, Message("utter_report_office_check")])
    if question == "confirm":
        if intake.save_failed:
            return intake, [Message("utter_report_ask_try_again")]
        return intake, [_summary(intake, language, context), Message("utter_report_ask_confirm")]
    return intake, [Message(ASK[question])]


def _summary(intake: Intake, language: str, context: ChatContext) -> Message:
    decision = decision_of(intake, context.routes)
    values = {question: intake.answers.get(question) or "–" for question in FREE_TEXT}
    contact = intake.answers.get("contact") or {}
    values["contact"] = ", ".join(v for v in contact.values() if v) or "–"

    def build(content: Content) -> dict[str, Any]:
        return {**values, **office_arguments(decision.office_id, content)}

    return with_content("utter_report_summary", language, context, build)


def parse_contact(text: str) -> Contact | None:
    """Name, e-mail and phone from one typed line; None without an e-mail or phone.

    Raises InvalidField for details that cannot be stored (too long, invalid).
    """
    email = _EMAIL.search(text)
    phone = _PHONE.search(_EMAIL.sub(" ", text))
    if email is None and phone is None:
        return None
    rest = text
    for found in (email, phone):
        if found is not None:
            rest = rest.replace(found.group(0), " ")
    name = " ".join(rest.split()).strip(" ,;:/-|") or None
    return Contact(
        name=clean_text(name, "contact_name"),
        email=clean_email(email.group(0)) if email else None,
        phone=clean_phone(phone.group(0).strip()) if phone else None,
    )


def _yes_no(reply: Reply) -> bool | None:
    if reply.intent == YES_INTENT:
        return True
    if reply.intent == NO_INTENT:
        return False
    return None


def _is_interruption(question: str, reply: Reply) -> bool:
    """A button (a language) always; a typed answer to a free-text question never, since
    "yesterday evening" may read as goodbye and leaving would forget the report; a typed
    answer to a choice question only when the NLU is sure of it."""
    if reply.intent not in INTERRUPTIONS:
        return False
    if not reply.typed:
        return True
    return question not in FREE_TEXT and reply.confidence >= INTERRUPTION_CONFIDENCE


Filer = Callable[[ReportDraft], FiledReport]


def answer(intake: Intake, reply: Reply, language: str, context: ChatContext | None = None,
           *, file: Filer | None = None, warned: bool = False) -> Step:
    """Reads the answer to `intake.asked`. Danger now in any answer gets 112 first.

    `file` stores a report (bot.reports.file_report in a session); it is called once the
    person confirmed, and its failure is told, kept for a retry, never half-saved.
    """
    context = context or default_context()
    question = intake.asked
    if question is None:
        return Step(intake)
    if _is_interruption(question, reply):
        return Step(intake, rejected=True)
    messages: list[Message] = []
    signal = danger_signal(reply.typed, language, context.lexicons)
    if signal is not None and not warned:
        messages.append(emergency_message(signal, language, context))
    step = _take(intake, question, reply, language, context)
    messages += step.messages
    intake = step.intake
    if question == "confirm" and intake.answers.get("confirm") is True and file is not None:
        filed = _file(intake, language, context, file)
        intake, messages = filed.intake, messages + filed.messages
    return Step(intake, messages)


def _take(intake: Intake, question: str, reply: Reply, language: str,
          context: ChatContext) -> Step:
    if question in FREE_TEXT:
        return _take_text(intake, question, reply)
    if question == "type":
        return _take_type(intake, reply, language, context)
    if question == "setting":
        return _take_setting(intake, reply, language, context)
    if question == "office":
        return _take_office(intake, reply, language, context)
    if question == "anonymous":
        return _take_anonymous(intake, reply, language, context)
    if question == "contact":
        return _take_contact(intake, reply)
    yes = _yes_no(reply)
    if yes is None:
        return Step(intake, [NOT_UNDERSTOOD])
    if question == "on_behalf":
        return Step(intake.with_answers(on_behalf=not yes))
    if question == "confirm":
        if yes:
            return Step(intake.with_answers(confirm=True))
        return Step(intake.with_answers(confirm=False), [Message("utter_report_cancelled")])
    return Step(intake, [NOT_UNDERSTOOD])


def _take_text(intake: Intake, question: str, reply: Reply) -> Step:
    """A typed answer is kept as typed, whatever intent the NLU gave it ("the landlord and
    his son" may read as a skip): only the Skip button skips, so nothing written is lost."""
    text = reply.typed
    if not text and reply.intent == SKIP_INTENT and question != "description":
        return Step(intake.with_answers(**{question: None}))
    if not text:
        return Step(intake, [NOT_UNDERSTOOD])
    try:
        value = clean_text(text, FREE_TEXT[question], required=True)
    except TextTooLong as error:
        return Step(intake, [Message("utter_report_too_long", {"limit": error.limit})])
    except InvalidField:
        return Step(intake, [NOT_UNDERSTOOD])
    return Step(intake.with_answers(**{question: value}))


def _with_incident(intake: Intake, found: Mapping[str, Any], text: str) -> Intake:
    updated = intake.with_answers(**found)
    if "description" not in updated.answers and _describes(text, found):
        try:
            updated = updated.with_answers(description=clean_text(text, "description"))
        except TextTooLong:
            pass
    return updated


def _take_type(intake: Intake, reply: Reply, language: str, context: ChatContext) -> Step:
    if reply.choice in TYPE_CHOICES:
        return Step(intake.with_answers(type=reply.choice))
    found, _ = _read_incident(reply.typed, language, context) if reply.typed else ({}, None)
    if "type" not in found:
        return Step(intake, [NOT_UNDERSTOOD])
    return Step(_with_incident(intake, found, reply.typed))


def _take_setting(intake: Intake, reply: Reply, language: str, context: ChatContext) -> Step:
    if reply.choice in context.routes.settings:
        return Step(intake.with_answers(setting=reply.choice))
    found, _ = _read_incident(reply.typed, language, context) if reply.typed else ({}, None)
    if "setting" not in found:
        return Step(intake, [NOT_UNDERSTOOD])
    return Step(intake.with_answers(setting=found["setting"]))


def _take_office(intake: Intake, reply: Reply, language: str, context: ChatContext) -> Step:
    yes = _yes_no(reply)
    if yes is True:
        return Step(replace(intake.with_answers(office=True), correcting=False))
    if yes is False:
        return Step(replace(intake.without("type", "setting"), correcting=True))
    found, _ = _read_incident(reply.typed, language, context) if reply.typed else ({}, None)
    if not found:
        return Step(intake, [NOT_UNDERSTOOD])
    corrected = intake.without("type", "setting").with_answers(**found)
    return Step(replace(corrected, correcting="type" not in found))


def _take_anonymous(intake: Intake, reply: Reply, language: str, context: ChatContext) -> Step:
    yes = _yes_no(reply)
    if yes is None and reply.typed:
        found = classify(reply.typed, context.routes, language, context.lexicons)
        yes = False if found.incident.anonymous else None
    if yes is None:
        return Step(intake, [NOT_UNDERSTOOD])
    updated = intake.with_answers(anonymous=not yes)
    decision = decision_of(updated, context.routes)
    if intake.shown_office is None or decision.office_id == intake.shown_office:
        return Step(updated)
    messages = office_messages(decision, language, context, "utter_report_office_changed")
    return Step(replace(updated, shown_office=decision.office_id), messages)


def _take_contact(intake: Intake, reply: Reply) -> Step:
    try:
        contact = parse_contact(reply.typed) if reply.typed else None
    except TextTooLong as error:
        return Step(intake, [Message("utter_report_too_long", {"limit": error.limit})])
    except InvalidField:
        contact = None
    if contact is None and reply.intent == SKIP_INTENT:
        return Step(intake.with_answers(contact=None))
    if contact is None:
        return Step(intake, [Message("utter_report_contact_not_understood")])
    return Step(intake.with_answers(contact={"name": contact.name, "email": contact.email,
                                              "phone": contact.phone}))


def draft(intake: Intake, language: str, routes: RoutingTable) -> ReportDraft:
    """The report to file, from the answers; contact details only with consent."""
    incident = incident_of(intake, routes)
    answers = intake.answers
    details = answers.get("contact")
    contact = Contact(**details) if isinstance(details, Mapping) else None
    return ReportDraft(
        incident=incident,
        decision=route(incident, routes),
        description=answers.get("description") or "",
        language=intake.language or language,
        occurred_when=answers.get("when"),
        occurred_where=answers.get("where"),
        people_involved=answers.get("people"),
        witnesses=answers.get("witnesses"),
        anonymous=incident.anonymous,
        contact=contact,
        contact_consent=contact is not None and not incident.anonymous,
        on_behalf_of=answers.get("on_behalf") is True,
    )


def _file(intake: Intake, language: str, context: ChatContext, file: Filer) -> Step:
    report = draft(intake, language, context.routes)
    try:
        filed = file(report)
    except (SQLAlchemyError, OSError, InvalidField):
        log.exception("a report could not be filed; the person is asked to try again")
        return _not_saved(intake, report.decision, language, context)
    messages = [
        with_content("utter_report_filed", language, context, lambda content: {
            "reference": filed.reference, **office_arguments(filed.office_id, content)}),
        Message("utter_report_erasure_code", {"report_number": filed.reference,
                                              "erasure_code": erasure_code(filed.reference)}),
        what_next_message(report.decision, language, context),
    ]
    deadline = deadline_message(report.decision, language, context)
    if deadline is not None:
        messages.append(deadline)
    return Step(replace(intake, reference=filed.reference, save_failed=False), messages)


def _not_saved(intake: Intake, decision: RoutingDecision, language: str,
               context: ChatContext) -> Step:
    # The office that receives written reports takes them directly too (the Federal
    # Agency only advises, through its website); the handling office if it has no contact.
    office_id = decision.deliver_to
    if not office_contact(office_id, context):
        office_id = decision.office_id

    def build(content: Content) -> dict[str, Any]:
        return {**office_arguments(office_id, content),
                "office_contact": office_contact(office_id, context)}

    retry = replace(intake.without("confirm"), save_failed=True)
    return Step(retry, [with_content("utter_report_not_saved", language, context, build)])
