"""Reports for the console's tests: filed into the real database through bot.reports, and
an in-memory store built on the console's interface.

The in-memory store deliberately does no permission filtering of its own: the tests show
that the console keeps office A's staff out of office B's reports whatever the store returns.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.reports import Incident, ReportDraft, file_report, load_routing_table, route
from bot.web.accounts import StaffMember
from bot.web.reports_source import ReportDetail, ReportSummary

OFFICE_A = "city-anti-discrimination-office"
OFFICE_B = "victim-support"
TEXT_A = "At the citizens' office the clerk refused to take my application because of my headscarf."
TEXT_B = "كتب أحدهم شعارات عنصرية على باب بيتي"


def file_sample_reports(engine: Engine) -> dict[str, str]:
    """One report for office A (the city discriminated) and one, anonymous, for office B."""
    table = load_routing_table()
    incidents = {
        OFFICE_A: (Incident(type="discrimination_by_city", setting="city_office_or_service"),
                   TEXT_A, "en"),
        OFFICE_B: (Incident(type="property_damage_or_graffiti",
                            setting="street_or_public_transport",
                            hate_motivated=True, anonymous=True), TEXT_B, "ar"),
    }
    references = {}
    for office, (incident, text, language) in incidents.items():
        decision = route(incident, table)
        assert decision.deliver_to == office, decision
        with session_scope(engine) as session:
            filed = file_report(session, ReportDraft(incident, decision, text, language,
                                                     anonymous=incident.anonymous))
        references[office] = filed.reference
    return references


def _report(reference: str, office: str, kind: str, text: str, language: str) -> ReportDetail:
    summary = ReportSummary(
        reference, office, kind, "received", datetime(2026, 11, 2, 9, 30), language
    )
    return ReportDetail(summary, text, translated_text="(Übersetzung) " + text)


class MemoryReportStore:
    available = True
    statuses = ("received", "in_progress", "closed")

    def __init__(self) -> None:
        self.reports = {
            "LB-A-0001": _report("LB-A-0001", OFFICE_A, "discrimination",
                                 "The clerk at the citizens' office refused to serve me.", "en"),
            "LB-B-0001": _report("LB-B-0001", OFFICE_B, "hate_incident",
                                 "رسم أحدهم شعارات عنصرية على باب بيتي", "ar"),
        }

    def visible_to(self, staff: StaffMember) -> list[ReportSummary]:
        return [report.summary for report in self.reports.values()]

    def get(self, staff: StaffMember, reference: str) -> ReportDetail | None:
        return self.reports.get(reference)

    def set_status(self, staff: StaffMember, reference: str, status: str) -> bool:
        report = self.reports[reference]
        self.reports[reference] = replace(report, summary=replace(report.summary, status=status))
        return True

    def counts_by_office_and_type(self) -> list[tuple[str, str, int]]:
        counts: dict[tuple[str, str], int] = {}
        for report in self.reports.values():
            key = (report.summary.office_id, report.summary.type)
            counts[key] = counts.get(key, 0) + 1
        return [(office, kind, count) for (office, kind), count in sorted(counts.items())]
