"""Two Rasa processes sharing one Redis continue the same conversation."""
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from bot.conversation_state import KEY_PREFIX
from tests.conversation.replies import turns
from tests.support.servers import TEST_RATE_LIMITS, Assistant, start_assistant


@pytest.fixture(scope="module")
def two_servers(
    trained_model: Path,
    sample_database: str,
    redis_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Assistant]:
    env = {
        "DATABASE_URL": sample_database,
        "REDIS_URL": redis_url,
        "CONVERSATION_EXPIRY_SECONDS": "600",
        **TEST_RATE_LIMITS,
    }
    running = start_assistant(trained_model, tmp_path_factory.mktemp("two"), env, rasa_servers=2)
    yield running
    running.stop()


@pytest.mark.e2e
@pytest.mark.redis
def test_the_second_server_continues_in_the_language_the_first_one_learned(
    two_servers: Assistant, sender: str, redis_url: str
) -> None:
    [greeting] = turns(two_servers.send(sender, "مرحبا", server=0))
    assert greeting.custom["language"] == "ar"

    for turn in turns(two_servers.send(sender, "ok", server=1)):
        assert turn.custom["language"] == "ar"
    [farewell] = turns(two_servers.send(sender, "شكرا، مع السلامة", server=0))
    assert farewell.custom["language"] == "ar"

    key = f"{KEY_PREFIX}:tracker:{sender}"
    client = redis.Redis.from_url(redis_url)
    assert 0 < client.ttl(key) <= 600
    client.delete(key)
