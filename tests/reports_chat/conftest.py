"""Real components for the report chat's tests: the default routing table, lexicons and
translations, and SQLite files holding the reports tables."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.db import Base, make_engine, session_factory
from bot.reports import FiledReport, ReportDraft, file_report, report_tables
from bot.reports.chat_texts import ChatContext, default_context


@pytest.fixture(scope="session")
def context() -> ChatContext:
    return default_context()


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'reports.sqlite3'}")
    Base.metadata.create_all(engine, tables=report_tables())
    yield engine
    engine.dispose()


@pytest.fixture
def filer(engine: Engine) -> Callable[[ReportDraft], FiledReport]:
    """bot.reports.file_report in a session of its own, as the action server files."""
    def file(draft: ReportDraft) -> FiledReport:
        with session_factory(engine)() as session:
            return file_report(session, draft)

    return file
