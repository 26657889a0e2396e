"""Filing a report: stored with its first outbox e-mail in one transaction, or not at all.

Only after the commit returns may the chat tell the person the report is filed and give
them the reference, so a crash at any moment either keeps the whole report or none of it.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.language.languages import SUPPORTED
from bot.reports._time import utc_naive
from bot.reports.incident import Incident
from bot.reports.models import OutboxMessage, Report, ReportStatusChange
from bot.reports.reference import generate_reference, normalise_reference
from bot.reports.routing import RoutingDecision
from bot.reports.routing_table import Deadline
from bot.reports.safe_text import InvalidField, clean_email, clean_phone, clean_text
from bot.reports.settings import message_id_domain, retention_days

__all__ = [
    "ConsentRequired",
    "Contact",
    "FiledReport",
    "ReportDraft",
    "ReportStatus",
    "file_report",
    "report_status",
]

REFERENCE_TRIES = 5
FILED_BY = "assistant"


class ConsentRequired(InvalidField):
    """Contact details without explicit consent are never stored."""

    message_key = "report_contact_needs_consent"


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class ReportDraft:
    """Everything the intake collected. `decision` is the routing shown to the person."""

    incident: Incident
    decision: RoutingDecision
    description: str
    language: str
    occurred_when: str | None = None
    occurred_where: str | None = None
    people_involved: str | None = None
    witnesses: str | None = None
    anonymous: bool = False
    contact: Contact | None = None
    contact_consent: bool = False
    on_behalf_of: bool = False


@dataclass(frozen=True)
class FiledReport:
    reference: str
    office_id: str
    office_kind: str
    recipient_office_id: str
    status: str
    created_at: datetime
    deadline: Deadline | None
    what_next_key: str


@dataclass(frozen=True)
class ReportStatus:
    """All a person learns from a reference number: never the text or anyone's details."""

    status: str
    office_id: str


def _contact(draft: ReportDraft) -> tuple[str | None, str | None, str | None]:
    contact = draft.contact or Contact()
    values = (clean_text(contact.name, "contact_name"), clean_email(contact.email),
              clean_phone(contact.phone))
    if any(values) and draft.anonymous:
        raise InvalidField("contact", "an anonymous report cannot carry contact details")
    if any(values) and not draft.contact_consent:
        raise ConsentRequired("contact", "contact details need the person's explicit consent")
    return values


def _build(draft: ReportDraft, reference: str, now: datetime) -> Report:
    if draft.language not in SUPPORTED:
        raise InvalidField("language", f"'{draft.language}' is not a supported language")
    name, email, phone = _contact(draft)
    decision, incident = draft.decision, draft.incident
    report = Report(
        reference=reference,
        office_id=decision.office_id,
        office_kind=decision.office_kind,
        recipient_office_id=decision.deliver_to,
        why_key=decision.why_key,
        deadline_id=decision.deadline.id if decision.deadline else None,
        incident_type=incident.type,
        setting=incident.setting,
        district=incident.district,
        danger_now=incident.danger_now,
        hate_motivated=incident.hate_motivated,
        language=draft.language,
        description=clean_text(draft.description, "description", required=True),
        occurred_when=clean_text(draft.occurred_when, "occurred_when"),
        occurred_where=clean_text(draft.occurred_where, "occurred_where"),
        people_involved=clean_text(draft.people_involved, "people_involved"),
        witnesses=clean_text(draft.witnesses, "witnesses"),
        anonymous=draft.anonymous,
        contact_consent=bool(draft.contact_consent and not draft.anonymous),
        contact_name=name,
        contact_email=email,
        contact_phone=phone,
        on_behalf_of=draft.on_behalf_of,
        status="received",
        created_at=now,
        retention_until=now + timedelta(days=retention_days()),
    )
    report.history.append(ReportStatusChange(status="received", changed_at=now,
                                             changed_by=FILED_BY))
    report.outbox.append(OutboxMessage(
        recipient_office_id=decision.deliver_to,
        message_id=f"<report.{uuid.uuid4().hex}@{message_id_domain()}>",
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    ))
    return report


def file_report(session: Session, draft: ReportDraft, *, now: datetime | None = None,
                new_reference: Callable[[], str] = generate_reference) -> FiledReport:
    """Store the report and its outbox e-mail, commit, and only then return.

    Raises InvalidField (TextTooLong, ConsentRequired) before anything is written. A
    reference that is already taken is replaced by a new one; any other failure rolls the
    whole transaction back, so nothing is ever half-saved.
    """
    now = utc_naive(now)
    for attempt in range(REFERENCE_TRIES):
        report = _build(draft, new_reference(), now)
        session.add(report)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            taken = session.execute(
                select(Report.id).where(Report.reference == report.reference)
            ).first()
            if taken is None or attempt == REFERENCE_TRIES - 1:
                raise
            continue
        except BaseException:
            session.rollback()
            raise
        return FiledReport(
            reference=report.reference,
            office_id=report.office_id,
            office_kind=report.office_kind,
            recipient_office_id=report.recipient_office_id,
            status=report.status,
            created_at=report.created_at,
            deadline=draft.decision.deadline,
            what_next_key=draft.decision.what_next_key,
        )
    raise RuntimeError("unreachable")


def report_status(session: Session, reference: str) -> ReportStatus | None:
    """Status and office for a reference as typed; None if invalid or unknown."""
    canonical = normalise_reference(reference)
    if canonical is None:
        return None
    row = session.execute(
        select(Report.status, Report.office_id).where(Report.reference == canonical)
    ).first()
    return ReportStatus(status=row.status, office_id=row.office_id) if row else None
