"""Alembic, configured in code: the project's migrations live in bot/catalogue/migrations."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from bot.db import database_url

__all__ = ["MIGRATIONS", "alembic_config", "make_revision", "upgrade"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic Config without alembic.ini: script location and database URL only."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", (url or database_url()).replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind `engine` to `revision` (default: the newest)."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def make_revision(message: str, url: str | None = None, autogenerate: bool = True) -> None:
    """Write a new migration, compared against the database at `url` (must be at head)."""
    command.revision(alembic_config(url), message=message, autogenerate=autogenerate)
