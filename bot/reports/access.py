"""Who may see which reports: staff see their own office's reports, admins only counts.

"Their office" is the office the report was sent to (`recipient_office_id`), because that
office already holds the report by e-mail; nobody else gets to read it here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.reports._time import utc_naive
from bot.reports.models import Report, ReportStatusChange
from bot.reports.reference import normalise_reference

__all__ = [
    "AccessDenied",
    "ReportCount",
    "StaffMember",
    "StaffReportView",
    "report_counts",
    "reports_visible_to",
    "set_report_status",
]

#: Statuses an office may set on its own reports.
OFFICE_STATUSES = ("in_progress", "closed")


class AccessDenied(PermissionError):
    pass


@dataclass(frozen=True)
class StaffMember:
    """A signed-in person: staff of one office, or an administrator (no office)."""

    id: str
    office_id: str | None = None
    is_admin: bool = False


@dataclass(frozen=True)
class StaffReportView:
    """One report as its office sees it. Free text is raw: escape it when showing HTML."""

    reference: str
    office_id: str
    office_kind: str
    incident_type: str
    setting: str
    district: str | None
    hate_motivated: bool
    language: str
    description: str | None
    occurred_when: str | None
    occurred_where: str | None
    people_involved: str | None
    witnesses: str | None
    anonymous: bool
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    on_behalf_of: bool
    status: str
    created_at: datetime
    retention_until: datetime


@dataclass(frozen=True)
class ReportCount:
    office_id: str
    office_kind: str
    incident_type: str
    status: str
    count: int


def _office_of(staff: StaffMember) -> str:
    if staff.is_admin or not staff.office_id:
        raise AccessDenied("only staff of an office can read reports, and only their own")
    return staff.office_id


def _view(report: Report) -> StaffReportView:
    return StaffReportView(**{name: getattr(report, name)
                              for name in StaffReportView.__dataclass_fields__})


def reports_visible_to(session: Session, staff: StaffMember) -> list[StaffReportView]:
    """The reports sent to the staff member's office, newest first; AccessDenied for admins."""
    office_id = _office_of(staff)
    query = (select(Report).where(Report.recipient_office_id == office_id)
             .order_by(Report.created_at.desc(), Report.id.desc()))
    return [_view(report) for report in session.execute(query).scalars()]


def report_counts(session: Session, staff: StaffMember) -> list[ReportCount]:
    """Counts by office, kind, incident type and status: all offices for an admin, else own."""
    query = select(Report.recipient_office_id, Report.office_kind, Report.incident_type,
                   Report.status, func.count(Report.id))
    if not staff.is_admin:
        query = query.where(Report.recipient_office_id == _office_of(staff))
    query = query.group_by(Report.recipient_office_id, Report.office_kind,
                           Report.incident_type, Report.status).order_by(
        Report.recipient_office_id, Report.office_kind, Report.incident_type, Report.status)
    return [ReportCount(*row) for row in session.execute(query)]


def set_report_status(session: Session, staff: StaffMember, reference: str, status: str,
                      now: datetime | None = None) -> None:
    """Record the office's progress; a report of another office is treated as unknown."""
    office_id = _office_of(staff)
    if status not in OFFICE_STATUSES:
        raise ValueError(f"status must be one of {', '.join(OFFICE_STATUSES)}")
    canonical = normalise_reference(reference)
    report = session.execute(
        select(Report).where(Report.reference == canonical,
                             Report.recipient_office_id == office_id)
    ).scalar_one_or_none() if canonical else None
    if report is None:
        raise LookupError("no such report for this office")
    now = utc_naive(now)
    report.status = status
    report.history.append(ReportStatusChange(status=status, changed_at=now,
                                             changed_by=f"staff:{staff.id}"[:80]))
    session.commit()
