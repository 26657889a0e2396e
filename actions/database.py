"""The action server's one database engine, made on first use (never at import)."""
from functools import lru_cache

from sqlalchemy.engine import Engine

from bot.db import make_engine


@lru_cache(maxsize=1)
def engine() -> Engine:
    return make_engine()
