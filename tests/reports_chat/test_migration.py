"""The reports tables come from the project's Alembic migrations, like every other table."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

import bot.reports.models  # noqa: F401  (registers the reports tables on Base)
from bot.catalogue.migrate import alembic_config, upgrade
from bot.db import Base, make_engine
from bot.paths import PROJECT_ROOT
from bot.reports import report_tables

REPORT_TABLES = {table.name for table in report_tables()}


def test_migration_history_has_exactly_one_head() -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_migration_creates_the_reports_tables_as_the_models_declare_them(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    upgrade(engine)

    assert REPORT_TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [d for d in compare_metadata(context, Base.metadata)
                       if any(name in repr(d) for name in REPORT_TABLES)]
    assert differences == []


def test_migration_loading_the_catalogue_on_a_fresh_database_creates_the_reports_tables(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'city.sqlite3'}"
    subprocess.run([str(PROJECT_ROOT / ".venv" / "bin" / "python"), "-m", "bot.catalogue", "load"],
                   cwd=PROJECT_ROOT, check=True, capture_output=True,
                   env={**os.environ, "DATABASE_URL": url})

    assert REPORT_TABLES <= set(inspect(make_engine(url)).get_table_names())
