"""Alembic environment for the whole project's schema (every table on bot.db.Base)."""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

import bot
from bot.db import Base, make_engine


def _import_models() -> None:
    """Import every bot/<package>/models.py, so their tables join the metadata."""
    for folder in bot.__path__:
        for models in sorted(Path(folder).glob("*/models.py")):
            importlib.import_module(f"bot.{models.parent.name}.models")


def _configure(**options: Any) -> None:
    context.configure(target_metadata=Base.metadata, compare_type=True, **options)


def _run(connection: Connection) -> None:
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    _configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or None)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


_import_models()
if context.is_offline_mode():
    run_offline()
else:
    run_online()
