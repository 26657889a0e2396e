"""The reports tables: reports, their status history, and the outbox of e-mails to offices.

Declared on the shared `bot.db.Base`; the Alembic migration is owed (docs/reports.md).
Times are naive UTC everywhere, because SQLite keeps no time zone.
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import relationship

from bot.db import Base

__all__ = ["OutboxMessage", "Report", "ReportStatusChange", "report_tables"]

#: Report statuses: received (stored, not yet delivered), sent_to_office, then the office's
#: own in_progress and closed.
REPORT_STATUSES = ("received", "sent_to_office", "in_progress", "closed")
#: Outbox statuses: pending (due at next_attempt_at), sending (claimed until lease_until), sent.
OUTBOX_STATUSES = ("pending", "sending", "sent")


class Report(Base):
    __tablename__ = "reports"
    __table_args__ = (
        CheckConstraint(
            "contact_consent OR (contact_name IS NULL AND contact_email IS NULL "
            "AND contact_phone IS NULL)",
            name="ck_reports_contact_needs_consent",
        ),
        CheckConstraint("NOT (anonymous AND contact_consent)",
                        name="ck_reports_anonymous_has_no_contact"),
    )

    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False, unique=True)
    office_id = Column(String(80), nullable=False)
    office_kind = Column(String(40), nullable=False)
    recipient_office_id = Column(String(80), nullable=False, index=True)
    why_key = Column(String(80), nullable=False)
    deadline_id = Column(String(80))
    incident_type = Column(String(60), nullable=False)
    setting = Column(String(60), nullable=False)
    district = Column(String(80))
    danger_now = Column(Boolean, nullable=False, default=False)
    hate_motivated = Column(Boolean, nullable=False, default=False)
    language = Column(String(8), nullable=False)
    description = Column(Text)
    occurred_when = Column(Text)
    occurred_where = Column(Text)
    people_involved = Column(Text)
    witnesses = Column(Text)
    anonymous = Column(Boolean, nullable=False, default=False)
    contact_consent = Column(Boolean, nullable=False, default=False)
    contact_name = Column(String(200))
    contact_email = Column(String(254))
    contact_phone = Column(String(40))
    on_behalf_of = Column(Boolean, nullable=False, default=False)
    status = Column(String(30), nullable=False)
    created_at = Column(DateTime, nullable=False)
    retention_until = Column(DateTime, nullable=False, index=True)
    anonymised_at = Column(DateTime)

    history = relationship("ReportStatusChange", back_populates="report",
                           cascade="all, delete-orphan", passive_deletes=True,
                           order_by="ReportStatusChange.id")
    outbox = relationship("OutboxMessage", back_populates="report",
                          cascade="all, delete-orphan", passive_deletes=True)


class ReportStatusChange(Base):
    __tablename__ = "report_status_changes"

    id = Column(Integer, primary_key=True)
    report_id = Column(Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False,
                       index=True)
    status = Column(String(30), nullable=False)
    changed_at = Column(DateTime, nullable=False)
    changed_by = Column(String(80), nullable=False)

    report = relationship("Report", back_populates="history")


class OutboxMessage(Base):
    __tablename__ = "report_outbox"
    __table_args__ = (Index("ix_report_outbox_due", "status", "next_attempt_at"),)

    id = Column(Integer, primary_key=True)
    report_id = Column(Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False,
                       index=True)
    recipient_office_id = Column(String(80), nullable=False)
    message_id = Column(String(200), nullable=False, unique=True)
    status = Column(String(20), nullable=False, default="pending")
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime, nullable=False)
    lease_until = Column(DateTime)
    claimed_by = Column(String(64))
    last_error = Column(Text)
    created_at = Column(DateTime, nullable=False)
    sent_at = Column(DateTime)

    report = relationship("Report", back_populates="outbox")


def report_tables() -> list:
    """The tables this package owns, e.g. for `Base.metadata.create_all(tables=...)`."""
    return [Report.__table__, ReportStatusChange.__table__, OutboxMessage.__table__]
