"""Values every response may use: the city's name (from the catalogue) and the name of
the conversation's language in that language.

Read at most once a minute, so a reloaded catalogue shows without a restart and a
response costs no database query.
"""
import time
from functools import lru_cache
from typing import Any

from bot.catalogue import get_city
from bot.language import LANGUAGE_NAMES
from bot.db import make_engine, session_scope

REFRESH_SECONDS = 60


def shared_arguments(language: str) -> dict[str, Any]:
    return dict(_cached(language, int(time.monotonic() // REFRESH_SECONDS)))


@lru_cache(maxsize=64)
def _cached(language: str, _period: int) -> tuple[tuple[str, Any], ...]:
    with session_scope(_engine()) as session:
        city = get_city(session)
    return (
        ("city_name", city.name.in_language(language)),
        ("language_name", LANGUAGE_NAMES.get(language, language)),
    )


@lru_cache(maxsize=1)
def _engine() -> Any:
    return make_engine()
