"""Where conversations are kept, read from the environment.

REDIS_URL (e.g. redis://:secret@127.0.0.1:6379/0) puts the tracker store and the lock
store in Redis, so several Rasa processes can serve one city; unset, both stay in memory
(one process, nothing kept after it stops). CONVERSATION_EXPIRY_SECONDS removes a
conversation from Redis after that much inactivity (default two hours), so nothing a
person typed at a kiosk lingers.
"""
import os
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

DEFAULT_EXPIRY_SECONDS = 2 * 60 * 60
KEY_PREFIX = "cityassistant"  # Rasa accepts only letters and digits here


class ConfigurationError(ValueError):
    """An environment variable holds a value we cannot use."""


@dataclass(frozen=True)
class RedisSettings:
    host: str
    port: int
    db: int
    password: str | None
    use_ssl: bool
    expiry_seconds: int
    key_prefix: str = KEY_PREFIX


def redis_settings(environ: dict[str, str] | None = None) -> RedisSettings | None:
    """Redis settings from REDIS_URL, or None to keep conversations in memory."""
    environ = dict(os.environ) if environ is None else environ
    url = environ.get("REDIS_URL", "").strip()
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme not in ("redis", "rediss"):
        raise ConfigurationError(f"REDIS_URL must start with redis:// or rediss://, not {url!r}")
    path = parsed.path.strip("/")
    if path and not path.isdigit():
        raise ConfigurationError(f"REDIS_URL database must be a number, not {path!r}")
    return RedisSettings(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 6379,
        db=int(path or 0),
        password=unquote(parsed.password) if parsed.password else None,
        use_ssl=parsed.scheme == "rediss",
        expiry_seconds=_expiry(environ),
    )


def _expiry(environ: dict[str, str]) -> int:
    raw = environ.get("CONVERSATION_EXPIRY_SECONDS", str(DEFAULT_EXPIRY_SECONDS))
    try:
        seconds = int(raw)
    except ValueError:
        raise ConfigurationError(
            f"CONVERSATION_EXPIRY_SECONDS must be whole seconds, not {raw!r}") from None
    if seconds <= 0:
        raise ConfigurationError("CONVERSATION_EXPIRY_SECONDS must be positive")
    return seconds
