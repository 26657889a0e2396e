"""The console's report store over bot.reports: the office's own reports, status updates, counts.

Every read goes through bot.reports.access, which decides what an office may see (the
reports delivered to it); the console checks `visible` again on top. A reference of
another office is answered exactly like an unknown one.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.reports import (
    AccessDenied,
    StaffReportView,
    normalise_reference,
    report_counts,
    reports_visible_to,
    set_report_status,
)
from bot.reports import StaffMember as ReportReader
from bot.reports.access import OFFICE_STATUSES
from bot.reports.models import report_tables
from bot.web.accounts import StaffMember
from bot.web.reports_source import NoReportStore, ReportDetail, ReportStore, ReportSummary

__all__ = ["DatabaseReportStore", "default_report_store"]

log = logging.getLogger(__name__)


def _reader(staff: StaffMember) -> ReportReader:
    """Office staff read as their office; everyone else as nobody's office (sees nothing)."""
    office = staff.office_id if staff.role == "office" else None
    return ReportReader(id=f"web:{staff.name}", office_id=office)


def _summary(view: StaffReportView, office_id: str) -> ReportSummary:
    return ReportSummary(reference=view.reference, office_id=office_id, type=view.incident_type,
                         status=view.status, received_at=view.created_at, language=view.language)


class DatabaseReportStore:
    """`office_id` of a summary is the office the report was delivered to, whose staff read it."""

    available = True
    statuses: Sequence[str] = OFFICE_STATUSES

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _views(self, staff: StaffMember) -> list[StaffReportView]:
        with session_scope(self.engine) as session:
            try:
                return reports_visible_to(session, _reader(staff))
            except AccessDenied:
                return []

    def visible_to(self, staff: StaffMember) -> list[ReportSummary]:
        office = staff.office_id or ""
        return [_summary(view, office) for view in self._views(staff)]

    def get(self, staff: StaffMember, reference: str) -> ReportDetail | None:
        canonical = normalise_reference(reference)
        if canonical is None:
            return None
        for view in self._views(staff):
            if view.reference == canonical:
                return ReportDetail(_summary(view, staff.office_id or ""),
                                    original_text=view.description or "",
                                    setting=view.setting, district=view.district)
        return None

    def set_status(self, staff: StaffMember, reference: str, status: str) -> bool:
        with session_scope(self.engine) as session:
            try:
                set_report_status(session, _reader(staff), reference, status)
            except (AccessDenied, LookupError, ValueError):
                return False
        return True

    def counts_by_office_and_type(self) -> list[tuple[str, str, int]]:
        totals: dict[tuple[str, str], int] = {}
        with session_scope(self.engine) as session:
            for row in report_counts(session, ReportReader(id="web:monitoring", is_admin=True)):
                key = (row.office_id, row.incident_type)
                totals[key] = totals.get(key, 0) + row.count
        return [(office, kind, count) for (office, kind), count in sorted(totals.items())]


def default_report_store(engine: Engine) -> ReportStore:
    """The database store when the reports tables exist, else NoReportStore (and a warning)."""
    existing = set(inspect(engine).get_table_names())
    missing = [table.name for table in report_tables() if table.name not in existing]
    if missing:
        log.warning("staff console without reports: the database has no table %s "
                    "(run `python -m bot.catalogue migrate`)", ", ".join(missing))
        return NoReportStore()
    return DatabaseReportStore(engine)
