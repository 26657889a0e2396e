"""The outbox's states in the database: claim due rows with a lease, then mark each sent
or due again later.

A row is claimed by setting status 'sending', a lease and a claim token in one atomic
statement, so two workers never hold the same row: PostgreSQL skips rows another
transaction has locked (FOR UPDATE SKIP LOCKED); SQLite, which serialises writers, relies
on the conditional UPDATE matching nothing once another worker changed the status. A
worker that dies leaves its rows 'sending' until the lease ends; then they are due again.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from bot.reports.models import OutboxMessage, Report, ReportStatusChange
from bot.reports.settings import OutboxSettings

__all__ = ["Claim", "claim_due", "mark_sent", "release_for_retry", "renew_claim"]

SessionFactory = Callable[[], Session]
ERROR_LIMIT = 1000


@dataclass(frozen=True)
class Claim:
    outbox_id: int
    token: str
    attempts: int


def _due(now: datetime):
    return or_(
        and_(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now),
        and_(OutboxMessage.status == "sending", OutboxMessage.lease_until <= now),
    )


def claim_due(session_factory: SessionFactory, now: datetime, worker_id: str,
              settings: OutboxSettings) -> list[Claim]:
    """Claim up to `batch_size` due rows for this worker, committed before any is sent."""
    token = f"{worker_id[:40]}:{uuid.uuid4().hex[:12]}"
    values = dict(status="sending", claimed_by=token,
                  lease_until=now + timedelta(seconds=settings.lease_seconds),
                  attempts=OutboxMessage.attempts + 1)
    with session_factory() as session:
        postgres = session.get_bind().dialect.name == "postgresql"
        query = (select(OutboxMessage.id).where(_due(now))
                 .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                 .limit(settings.batch_size))
        if postgres:
            query = query.with_for_update(skip_locked=True)
        claimed: list[int] = []
        for outbox_id in session.execute(query).scalars().all():
            result = session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == outbox_id, _due(now))
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount == 1:
                claimed.append(outbox_id)
        session.commit()
        if not claimed:
            return []
        attempts = dict(session.execute(
            select(OutboxMessage.id, OutboxMessage.attempts)
            .where(OutboxMessage.id.in_(claimed))
        ).all())
    return [Claim(outbox_id, token, attempts.get(outbox_id, 1)) for outbox_id in claimed]


def renew_claim(session_factory: SessionFactory, claim: Claim, now: datetime,
                settings: OutboxSettings) -> bool:
    """Extend this worker's lease just before sending; False if the claim was lost.

    So a message late in a slow batch is never sent on a lease that already ran out and
    that another worker may have taken over.
    """
    with session_factory() as session:
        result = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == claim.outbox_id, OutboxMessage.claimed_by == claim.token,
                   OutboxMessage.status == "sending")
            .values(lease_until=now + timedelta(seconds=settings.lease_seconds))
            .execution_options(synchronize_session=False)
        )
        session.commit()
        return result.rowcount == 1


def mark_sent(session_factory: SessionFactory, claim: Claim, now: datetime) -> bool:
    """Record delivery; False if this worker no longer held the claim (lease ran out)."""
    with session_factory() as session:
        result = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == claim.outbox_id, OutboxMessage.claimed_by == claim.token,
                   OutboxMessage.status == "sending")
            .values(status="sent", sent_at=now, lease_until=None, last_error=None)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            session.rollback()
            return False
        report = session.execute(
            select(Report).join(OutboxMessage, OutboxMessage.report_id == Report.id)
            .where(OutboxMessage.id == claim.outbox_id)
        ).scalar_one()
        if report.status == "received":
            report.status = "sent_to_office"
            session.add(ReportStatusChange(report_id=report.id, status="sent_to_office",
                                           changed_at=now, changed_by="outbox"))
        session.commit()
        return True


def release_for_retry(session_factory: SessionFactory, claim: Claim, now: datetime,
                      error: str, settings: OutboxSettings) -> datetime:
    """Put the row back as pending, due after exponential backoff; returns when."""
    next_attempt = now + timedelta(seconds=settings.backoff_seconds(claim.attempts))
    with session_factory() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == claim.outbox_id, OutboxMessage.claimed_by == claim.token,
                   OutboxMessage.status == "sending")
            .values(status="pending", next_attempt_at=next_attempt, lease_until=None,
                    last_error=error[:ERROR_LIMIT])
            .execution_options(synchronize_session=False)
        )
        session.commit()
    return next_attempt
