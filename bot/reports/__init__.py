"""Discrimination complaints and hate-crime reports (docs/reports.md).

Who receives a report is decided when it is made (`route`); how it is sent is the outbox
worker's job (`python -m bot.reports.outbox`). Nothing here imports Rasa.
"""
from bot.reports.access import (
    AccessDenied,
    ReportCount,
    StaffMember,
    StaffReportView,
    report_counts,
    reports_visible_to,
    set_report_status,
)
from bot.reports.classify import ASK_BELOW, Classification, classify
from bot.reports.filing import (
    ConsentRequired,
    Contact,
    FiledReport,
    ReportDraft,
    ReportStatus,
    file_report,
    report_status,
)
from bot.reports.incident import REPORT_OFFICE_KINDS, Incident
from bot.reports.models import OutboxMessage, Report, ReportStatusChange, report_tables
from bot.reports.outbox import DeliveryRun, deliver_due
from bot.reports.reference import generate_reference, normalise_reference
from bot.reports.retention import RetentionResult, apply_retention, erase_report
from bot.reports.routing import RoutingDecision, UnknownIncident, route
from bot.reports.routing_table import (
    Deadline,
    RoutingTable,
    RoutingTableError,
    load_routing_table,
)
from bot.reports.safe_text import InvalidField, TextTooLong, as_html
from bot.reports.settings import OutboxSettings, SmtpSettings

__all__ = [
    "ASK_BELOW",
    "REPORT_OFFICE_KINDS",
    "AccessDenied",
    "Classification",
    "ConsentRequired",
    "Contact",
    "Deadline",
    "DeliveryRun",
    "FiledReport",
    "Incident",
    "InvalidField",
    "OutboxMessage",
    "OutboxSettings",
    "Report",
    "ReportCount",
    "ReportDraft",
    "ReportStatus",
    "ReportStatusChange",
    "RetentionResult",
    "RoutingDecision",
    "RoutingTable",
    "RoutingTableError",
    "SmtpSettings",
    "StaffMember",
    "StaffReportView",
    "TextTooLong",
    "UnknownIncident",
    "apply_retention",
    "as_html",
    "classify",
    "deliver_due",
    "erase_report",
    "file_report",
    "generate_reference",
    "load_routing_table",
    "normalise_reference",
    "report_counts",
    "report_status",
    "report_tables",
    "reports_visible_to",
    "route",
    "set_report_status",
]
