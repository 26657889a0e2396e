"""Issue 13, finding 10: retention runs as a command (and in `make run`), not only in tests."""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.db import Base, make_engine, session_factory
from bot.paths import PROJECT_ROOT
from bot.reports import Report, file_report, report_tables


def test_the_retention_command_anonymises_a_report_past_its_period(tmp_path: Path,
                                                                   make_draft) -> None:
    url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine, tables=report_tables())
    now = datetime.now(UTC).replace(tzinfo=None)
    with session_factory(engine)() as session:
        old = file_report(session, make_draft(description="Amal Distinctive-Name was insulted"),
                          now=now - timedelta(days=400)).reference
        new = file_report(session, make_draft(), now=now - timedelta(days=3)).reference

    run = subprocess.run([sys.executable, "-m", "bot.reports.retention", "--once"],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "DATABASE_URL": url, "REPORT_RETENTION_DAYS": "365"})

    assert run.returncode == 0, run.stderr
    assert "1 anonymised" in run.stderr and "Distinctive" not in run.stderr
    with session_factory(engine)() as session:
        stored = {r.reference: r for r in session.execute(select(Report)).scalars()}
    assert stored[old].description is None and stored[old].anonymised_at is not None
    assert stored[new].description


def test_make_run_schedules_retention() -> None:
    script = (PROJECT_ROOT / "scripts" / "run.sh").read_text()
    assert "python -m bot.reports.retention" in script
