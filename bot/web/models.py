"""The web server's tables on bot.db.Base: staff accounts, their sessions, sign-in throttling,
and anonymous usage counters for the monitoring page (created by Alembic revision 0004_web).

Nothing here identifies a resident: usage rows are counts per day, language and category;
question texts are kept only when WEB_KEEP_UNANSWERED_TEXT is switched on.
"""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Text, inspect
from sqlalchemy.engine import Engine

from bot.db import Base

__all__ = [
    "LoginThrottleRow",
    "StaffSessionRow",
    "StaffUserRow",
    "UnansweredTextRow",
    "UsageCountRow",
    "WEB_TABLES",
    "MissingTables",
    "require_web_tables",
    "utcnow",
]


def utcnow() -> datetime:
    """Naive UTC, stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


class StaffUserRow(Base):
    __tablename__ = "web_staff_users"

    id = Column(Integer, primary_key=True, autoincrement=True)
    name = Column(String(80), nullable=False, unique=True)
    role = Column(String(20), nullable=False)
    office_id = Column(String(100), nullable=True)
    password_hash = Column(String(255), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class StaffSessionRow(Base):
    """One signed-in browser. The cookie holds a random token; only its SHA-256 is stored,
    so a copy of this table cannot be used to sign in."""

    __tablename__ = "web_staff_sessions"

    token_hash = Column(String(64), primary_key=True)
    user_id = Column(Integer, ForeignKey("web_staff_users.id", ondelete="CASCADE"),
                     nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)


class LoginThrottleRow(Base):
    """Failed sign-ins per user name (also for names that do not exist, so the lockout
    does not tell which names are real)."""

    __tablename__ = "web_login_throttle"

    name = Column(String(80), primary_key=True)
    failures = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime, nullable=True)


class UsageCountRow(Base):
    __tablename__ = "web_usage_counts"

    day = Column(Date, primary_key=True)
    language = Column(String(8), primary_key=True)
    category = Column(String(60), primary_key=True)
    answered = Column(Boolean, primary_key=True)
    count = Column(Integer, nullable=False, default=0)


class UnansweredTextRow(Base):
    __tablename__ = "web_unanswered_texts"

    id = Column(Integer, primary_key=True, autoincrement=True)
    day = Column(Date, nullable=False, default=date.today)
    language = Column(String(8), nullable=False)
    text = Column(Text, nullable=False)


WEB_TABLES = (
    StaffUserRow.__table__,
    StaffSessionRow.__table__,
    LoginThrottleRow.__table__,
    UsageCountRow.__table__,
    UnansweredTextRow.__table__,
)


class MissingTables(RuntimeError):
    """The database has not been migrated: the web server creates no tables itself."""


def require_web_tables(engine: Engine) -> None:
    """Fail at startup with the command that fixes it, rather than at the first sign-in.

    The tables come from the Alembic history (revision 0004_web), so every process sees
    the same schema and a later `migrate` never trips over tables made behind its back.
    """
    existing = set(inspect(engine).get_table_names())
    missing = [table.name for table in WEB_TABLES if table.name not in existing]
    if missing:
        raise MissingTables(
            f"the database has no table {', '.join(missing)}: run "
            "`python -m bot.catalogue migrate` (or `load`) with the same DATABASE_URL")
