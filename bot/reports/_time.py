"""Naive UTC datetimes: what the reports tables store on SQLite and PostgreSQL alike."""
from __future__ import annotations

from datetime import datetime, timezone


def utc_naive(moment: datetime | None = None) -> datetime:
    """`moment` (default: now) as naive UTC; aware datetimes are converted, naive ones kept."""
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment
