"""Values every response may use: the city's name (from the catalogue) and the name of
the conversation's language in that language.

Read at most once a minute, so a reloaded catalogue shows without a restart and a
response costs no database query. While the database is unavailable the last values read
are used (else the catalogue files'), so that no reply fails for a city's name: above all
not the one telling a person their report could not be saved
(tests/faults/test_database_down_while_filing_a_report.py).
"""
import logging
import time
from functools import lru_cache
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.catalogue import get_city
from bot.catalogue.types import City
from bot.catalogue.validate import load_catalogue_files
from bot.db import make_engine, session_scope
from bot.language import LANGUAGE_NAMES
from bot.paths import catalogue_dir

REFRESH_SECONDS = 60
log = logging.getLogger(__name__)
_last_read: dict[str, tuple[tuple[str, Any], ...]] = {}


def shared_arguments(language: str) -> dict[str, Any]:
    try:
        values = _cached(language, int(time.monotonic() // REFRESH_SECONDS))
    except (SQLAlchemyError, OSError):
        log.warning("the city's name could not be read from the database; using the last known")
        values = _last_read.get(language) or _values(_city_from_files(), language)
    _last_read[language] = values
    return dict(values)


@lru_cache(maxsize=64)
def _cached(language: str, _period: int) -> tuple[tuple[str, Any], ...]:
    with session_scope(_engine()) as session:
        city = get_city(session)
    return _values(city, language)


def _values(city: City, language: str) -> tuple[tuple[str, Any], ...]:
    return (
        ("city_name", city.name.in_language(language)),
        ("language_name", LANGUAGE_NAMES.get(language, language)),
    )


@lru_cache(maxsize=1)
def _city_from_files() -> City:
    return load_catalogue_files(catalogue_dir()).city


@lru_cache(maxsize=1)
def _engine() -> Any:
    return make_engine()
