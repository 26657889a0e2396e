"""Keeping reports no longer than needed: anonymise or delete after the retention period,
and erase one report on request.

Anonymising keeps what statistics need (office, type, setting, district, dates, status)
and removes everything a person wrote or could be recognised by.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.reports._time import utc_naive
from bot.reports.models import OutboxMessage, Report, ReportStatusChange
from bot.reports.reference import normalise_reference
from bot.reports.settings import retention_action, retention_days

__all__ = ["RetentionResult", "apply_retention", "erase_report"]

PERSONAL_FIELDS = ("description", "occurred_when", "occurred_where", "people_involved",
                   "witnesses", "contact_name", "contact_email", "contact_phone")


@dataclass(frozen=True)
class RetentionResult:
    anonymised: int
    deleted: int


def apply_retention(session: Session, now: datetime | None = None, *,
                    days: int | None = None, action: str | None = None) -> RetentionResult:
    """Anonymise or delete every report past its retention date, then commit.

    A report is due when its own `retention_until` has passed or when it is older than the
    period configured now (REPORT_RETENTION_DAYS), so shortening the period takes effect
    for reports already stored. Unsent e-mails of those reports are dropped with them.
    """
    now = utc_naive(now)
    days = retention_days() if days is None else days
    action = action or retention_action()
    due = or_(Report.retention_until <= now, Report.created_at <= now - timedelta(days=days))
    query = select(Report).where(due)
    if action == "anonymise":
        query = query.where(Report.anonymised_at.is_(None))
    reports = list(session.execute(query).scalars())
    for report in reports:
        if action == "delete":
            session.delete(report)
            continue
        for name in PERSONAL_FIELDS:
            setattr(report, name, None)
        report.contact_consent = False
        report.anonymised_at = now
        session.execute(delete(OutboxMessage).where(OutboxMessage.report_id == report.id,
                                                    OutboxMessage.status != "sent"))
        report.history.append(ReportStatusChange(status=report.status, changed_at=now,
                                                 changed_by="retention:anonymised"))
    session.commit()
    count = len(reports)
    return RetentionResult(anonymised=0 if action == "delete" else count,
                           deleted=count if action == "delete" else 0)


def erase_report(session: Session, reference: str) -> bool:
    """Delete one report with its history and unsent e-mail; False if there is none.

    E-mails already delivered stay with the office, which must honour the erasure itself
    (docs/reports.md says how the person is told).
    """
    canonical = normalise_reference(reference)
    if canonical is None:
        return False
    report = session.execute(select(Report).where(Report.reference == canonical)
                             ).scalar_one_or_none()
    if report is None:
        return False
    session.delete(report)
    session.commit()
    return True

