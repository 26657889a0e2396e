"""One product with a Redis of its own, shared by the fault tests, mended before each."""
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.product import FaultyProduct, product_environment
from tests.faults.throwaway_redis import ThrowawayRedis, redis_server_binary
from tests.support.servers import TEST_RATE_LIMITS, start_assistant


@pytest.fixture(scope="package")
def faulty_product(
    trained_model: Path, sample_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FaultyProduct]:
    if redis_server_binary() is None:
        pytest.skip("redis-server is not installed (the fault tests start their own)")
    work_dir = tmp_path_factory.mktemp("faults")
    redis = ThrowawayRedis(work_dir)
    redis.start()
    extra = {
        "DATABASE_URL": sample_database,
        "REDIS_URL": redis.url,
        "CONVERSATION_EXPIRY_SECONDS": "600",
        **TEST_RATE_LIMITS,
        # One conversation sends up to 100 messages in a minute here: not a flood to slow.
        "CHAT_RATE_PER_SENDER": "1000000",
    }
    try:
        assistant = start_assistant(trained_model, work_dir, extra, rasa_servers=2)
    except BaseException:
        redis.stop()
        raise
    product = FaultyProduct(assistant, redis, product_environment(extra), work_dir)
    yield product
    assistant.stop()
    redis.stop()


@pytest.fixture
def product(faulty_product: FaultyProduct) -> FaultyProduct:
    faulty_product.mend()
    return faulty_product
