"""What the staff console needs from the report store, as a small interface.

The report store and its permission model belong to bot/reports; until it offers them,
the console runs on `NoReportStore` and says so. The console never trusts a store alone:
`visible` below is checked on every list and every opened report, and a report that
fails it is answered with 404, exactly like one that does not exist.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.web.accounts import StaffMember

__all__ = ["NoReportStore", "ReportDetail", "ReportStore", "ReportSummary", "visible"]


@dataclass(frozen=True)
class ReportSummary:
    reference: str
    office_id: str
    type: str
    status: str
    received_at: datetime
    language: str


@dataclass(frozen=True)
class ReportDetail:
    summary: ReportSummary
    original_text: str
    translated_text: str | None = None
    setting: str | None = None
    district: str | None = None


class ReportStore(Protocol):
    """`statuses` lists the states an office may set, in workflow order."""

    available: bool
    statuses: Sequence[str]

    def visible_to(self, staff: StaffMember) -> list[ReportSummary]: ...

    def get(self, staff: StaffMember, reference: str) -> ReportDetail | None: ...

    def set_status(self, staff: StaffMember, reference: str, status: str) -> bool: ...

    def counts_by_office_and_type(self) -> list[tuple[str, str, int]]: ...


def visible(staff: StaffMember, office_id: str) -> bool:
    """Office staff see their own office's reports; nobody else sees any report."""
    return staff.role == "office" and staff.office_id is not None and staff.office_id == office_id


class NoReportStore:
    """Stands in until bot/reports has a store: no reports, no figures."""

    available = False
    statuses: Sequence[str] = ()

    def visible_to(self, staff: StaffMember) -> list[ReportSummary]:
        return []

    def get(self, staff: StaffMember, reference: str) -> ReportDetail | None:
        return None

    def set_status(self, staff: StaffMember, reference: str, status: str) -> bool:
        return False

    def counts_by_office_and_type(self) -> list[tuple[str, str, int]]:
        return []
