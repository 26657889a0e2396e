"""Naive UTC datetimes: what the reports tables store on SQLite and PostgreSQL alike."""
from __future__ import annotations

from datetime import UTC, datetime


def utc_naive(moment: datetime | None = None) -> datetime:
    """`moment` (default: now) as naive UTC; aware datetimes are converted, naive ones kept."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment
