"""Shared SQLAlchemy plumbing: one declarative Base, engines and sessions for every package.

Each package (catalogue, reports, ...) declares its tables on `Base`, so one Alembic
environment (bot/catalogue/migrations) sees the whole schema. The code runs on
SQLAlchemy 1.4 and 2.0 (2.0-style `select()`, `future=True`).

Configuration: DATABASE_URL (default: a SQLite file at <project>/var/city-assistant.sqlite3).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, declarative_base, sessionmaker

from bot.paths import PROJECT_ROOT
from bot.settings import text

__all__ = ["Base", "database_url", "make_engine", "session_factory", "session_scope"]

Base: Any = declarative_base()

DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "city-assistant.sqlite3"


def database_url() -> str:
    """The database to use: env DATABASE_URL, else the project's SQLite file."""
    return text("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default `database_url()`).

    For a SQLite file the parent folder is created here, not at import, and foreign keys
    are switched on so SQLite enforces the same references PostgreSQL does.
    """
    url = url or database_url()
    sqlite_file = _sqlite_file(url)
    if sqlite_file is not None:
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    # pool_pre_ping: a connection the server dropped (a restart, a failover) is replaced
    # before use, instead of failing the first request after the database is back.
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def session_factory(engine: Engine) -> sessionmaker:
    """Sessions bound to `engine`; objects stay readable after commit (no expiry)."""
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll back if it raises."""
    session = session_factory(engine)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
