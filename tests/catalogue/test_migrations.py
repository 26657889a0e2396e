"""The Alembic migrations build the catalogue schema from an empty database on both backends."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

import bot.catalogue.models  # noqa: F401  (registers the catalogue tables on Base)
from bot.catalogue.migrate import alembic_config, upgrade
from bot.db import Base

CATALOGUE_TABLES = {
    "catalogue_city", "catalogue_categories", "catalogue_offices", "catalogue_services",
    "catalogue_service_offices", "catalogue_keywords", "catalogue_history",
}


def _differences(engine: Engine) -> list[object]:
    """Differences between the migrated catalogue tables and the models (other packages'
    tables are their owners' business)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return [
            difference for difference in compare_metadata(context, Base.metadata)
            if any(table in repr(difference) for table in CATALOGUE_TABLES)
        ]


def test_migrations_upgrade_an_empty_database_to_head_matching_the_models(engine: Engine) -> None:
    upgrade(engine)

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head
    assert CATALOGUE_TABLES <= set(inspect(engine).get_table_names())
    assert _differences(engine) == []


def test_migrations_run_again_change_nothing(engine: Engine) -> None:
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())

    upgrade(engine)

    assert set(inspect(engine).get_table_names()) == tables
