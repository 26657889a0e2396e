"""Reports are anonymised or deleted after the retention period, and erased on request."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.reports import (
    OutboxMessage,
    Report,
    ReportStatusChange,
    apply_retention,
    erase_report,
    file_report,
    report_status,
)

from .conftest import NOW

PRIVATE = dict(description="He shouted at me on Lindenplatz.", occurred_where="Lindenplatz",
               witnesses="my neighbour", contact={"name": "Amal", "phone": "+49 69 123"},
               contact_consent=True)


def _count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_retention_anonymises_reports_past_their_period(sessions, make_draft, monkeypatch):
    monkeypatch.setenv("REPORT_RETENTION_DAYS", "365")
    with sessions() as session:
        old = file_report(session, make_draft(**PRIVATE), now=NOW - timedelta(days=366))
        new = file_report(session, make_draft(**PRIVATE), now=NOW - timedelta(days=10))
        result = apply_retention(session, NOW)
        assert (result.anonymised, result.deleted) == (1, 0)
    with sessions() as session:
        reports = {r.reference: r for r in session.execute(select(Report)).scalars()}
        gone = reports[old.reference]
        assert (gone.description, gone.occurred_where, gone.witnesses, gone.contact_name,
                gone.contact_phone, gone.contact_consent) == (None, None, None, None, None, False)
        assert gone.incident_type == "physical_attack" and gone.anonymised_at == NOW
        assert reports[new.reference].description == PRIVATE["description"]
        assert apply_retention(session, NOW).anonymised == 0


def test_retention_can_delete_instead(sessions, make_draft, monkeypatch):
    monkeypatch.setenv("REPORT_RETENTION_ACTION", "delete")
    monkeypatch.setenv("REPORT_RETENTION_DAYS", "30")
    with sessions() as session:
        file_report(session, make_draft(), now=NOW - timedelta(days=31))
        kept = file_report(session, make_draft(), now=NOW - timedelta(days=29))
        assert apply_retention(session, NOW).deleted == 1
        assert [r.reference for r in session.execute(select(Report)).scalars()] == [kept.reference]
        assert _count(session, OutboxMessage) == 1
        assert _count(session, ReportStatusChange) == 1


def test_retention_shorter_period_applies_to_reports_already_stored(sessions, make_draft,
                                                                    monkeypatch):
    with sessions() as session:
        file_report(session, make_draft(), now=NOW - timedelta(days=40))
    monkeypatch.setenv("REPORT_RETENTION_DAYS", "30")
    with sessions() as session:
        assert apply_retention(session, NOW).anonymised == 1


def test_erase_report_on_request_removes_it_with_history_and_outbox(sessions, make_draft):
    with sessions() as session:
        erased = file_report(session, make_draft(**PRIVATE), now=NOW)
        kept = file_report(session, make_draft(), now=NOW)
        assert erase_report(session, erased.reference.lower())
        assert report_status(session, erased.reference) is None
        assert report_status(session, kept.reference) is not None
        assert (_count(session, Report), _count(session, OutboxMessage),
                _count(session, ReportStatusChange)) == (1, 1, 1)
        assert not erase_report(session, erased.reference)
        assert not erase_report(session, "nonsense")
