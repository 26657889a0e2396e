"""Where conversations are kept, read from the environment.

REDIS_URL (e.g. redis://:secret@127.0.0.1:6379/0) puts the tracker store and the lock
store in Redis, so several Rasa processes can serve one city; unset, both stay in memory
(one process, nothing kept after it stops). CONVERSATION_EXPIRY_SECONDS removes a
conversation from Redis after that much inactivity (default two hours), so nothing a
person typed at a kiosk lingers.
"""
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from bot.settings import SettingsError, url, whole_number

DEFAULT_EXPIRY_SECONDS = 2 * 60 * 60
KEY_PREFIX = "cityassistant"  # Rasa accepts only letters and digits here


#: The name this module's callers know; the one error of every setting.
ConfigurationError = SettingsError


@dataclass(frozen=True)
class RedisSettings:
    host: str
    port: int
    db: int
    password: str | None
    use_ssl: bool
    expiry_seconds: int
    key_prefix: str = KEY_PREFIX


def redis_settings(environ: Mapping[str, str] | None = None) -> RedisSettings | None:
    """Redis settings from REDIS_URL, or None to keep conversations in memory."""
    address = url("REDIS_URL", ("redis", "rediss"), environ=environ)
    if not address:
        return None
    parsed = urlparse(address)
    path = parsed.path.strip("/")
    if path and not path.isdigit():
        raise ConfigurationError(f"REDIS_URL database must be a number, not {path!r}")
    return RedisSettings(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 6379,
        db=int(path or 0),
        password=unquote(parsed.password) if parsed.password else None,
        use_ssl=parsed.scheme == "rediss",
        expiry_seconds=whole_number("CONVERSATION_EXPIRY_SECONDS", DEFAULT_EXPIRY_SECONDS,
                                    minimum=1, environ=environ),
    )
