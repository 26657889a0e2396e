"""Keeping reports no longer than needed: anonymise or delete after the retention period,
and erase one report on request.

`python -m bot.reports.retention` applies the retention now and then once every
REPORT_RETENTION_INTERVAL_SECONDS (default: a day) until stopped; `--once` applies it and
exits (for cron: `0 3 * * * python -m bot.reports.retention --once`). `make run` runs the loop.

Anonymising keeps what statistics need (office, type, setting, district, dates, status)
and removes everything a person wrote or could be recognised by.
"""
from __future__ import annotations

import argparse
import logging
import signal
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.reports._time import utc_naive
from bot.reports.models import OutboxMessage, Report, ReportStatusChange
from bot.reports.reference import normalise_reference
from bot.reports.settings import retention_action, retention_days
from bot.settings import text, whole_number

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



def main(argv: list[str] | None = None) -> int:
    from bot.db import make_engine, session_factory

    parser = argparse.ArgumentParser(prog="python -m bot.reports.retention",
                                     description="Anonymise or delete reports past retention.")
    parser.add_argument("--once", action="store_true", help="apply it once, then exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=text("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log = logging.getLogger("bot.reports.retention")
    interval = whole_number("REPORT_RETENTION_INTERVAL_SECONDS", 86400)
    factory = session_factory(make_engine())
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    while True:
        with factory() as session:
            result = apply_retention(session)
        log.info("retention (%d days, %s): %d anonymised, %d deleted", retention_days(),
                 retention_action(), result.anonymised, result.deleted)
        if args.once or stop.wait(interval):
            return 0


if __name__ == "__main__":
    raise SystemExit(main())
