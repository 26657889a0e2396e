"""Where conversations are kept: in memory by default, in Redis when REDIS_URL is set."""
import pytest

from bot.conversation_state import (
    DEFAULT_EXPIRY_SECONDS,
    ConfigurationError,
    redis_settings,
)


def test_without_redis_url_conversations_stay_in_memory() -> None:
    assert redis_settings({}) is None
    assert redis_settings({"REDIS_URL": "  "}) is None


def test_redis_url_gives_host_port_database_and_password() -> None:
    settings = redis_settings({"REDIS_URL": "redis://:s%40cret@redis.internal:6380/3"})
    assert settings is not None
    assert (settings.host, settings.port, settings.db) == ("redis.internal", 6380, 3)
    assert settings.password == "s@cret"
    assert not settings.use_ssl
    assert settings.expiry_seconds == DEFAULT_EXPIRY_SECONDS


def test_rediss_url_uses_tls_and_expiry_is_configurable() -> None:
    settings = redis_settings(
        {"REDIS_URL": "rediss://127.0.0.1", "CONVERSATION_EXPIRY_SECONDS": "600"}
    )
    assert settings is not None
    assert settings.use_ssl and settings.port == 6379 and settings.db == 0
    assert settings.expiry_seconds == 600


@pytest.mark.parametrize(
    "environ",
    [
        {"REDIS_URL": "http://127.0.0.1:6379"},
        {"REDIS_URL": "redis://127.0.0.1/zero"},
        {"REDIS_URL": "redis://127.0.0.1", "CONVERSATION_EXPIRY_SECONDS": "soon"},
        {"REDIS_URL": "redis://127.0.0.1", "CONVERSATION_EXPIRY_SECONDS": "0"},
    ],
)
def test_a_misconfigured_redis_is_a_clear_error(environ: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError):
        redis_settings(environ)
