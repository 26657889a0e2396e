"""Readiness says why a server cannot serve: a stopped Redis or database, an action server
that does not answer, each named with its reason; all answering, it is ready."""
import socket

import pytest
from sqlalchemy import create_engine
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bot.runtime.health import action_server_check, database_check, evaluate, redis_check
from bot.runtime.web_health import ready_route


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.redis
def test_ready_when_redis_and_the_database_answer(redis_url: str, tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    readiness = evaluate({"database": database_check(engine), "redis": redis_check(redis_url)})
    assert readiness.ready and readiness.status == 200
    assert readiness.as_json() == {"ready": True, "checks": {"database": "ok", "redis": "ok"}}


def test_not_ready_names_each_dependency_that_does_not_answer() -> None:
    port = closed_port()
    database = create_engine(f"postgresql://postgres@127.0.0.1:{port}/nothing")
    readiness = evaluate({
        "database": database_check(database),
        "redis": redis_check(f"redis://127.0.0.1:{port}/0"),
        "action_server": action_server_check(f"http://127.0.0.1:{port}/health"),
    })
    assert not readiness.ready and readiness.status == 503
    checks = readiness.as_json()["checks"]
    assert set(checks) == {"database", "redis", "action_server"}
    assert "OperationalError" in checks["database"]
    assert "ConnectionError" in checks["redis"]
    assert "refused" in checks["action_server"].lower()


def test_a_check_that_hangs_fails_within_the_time_limit() -> None:
    import threading

    never = threading.Event()
    readiness = evaluate({"slow": lambda: never.wait(10) and None}, timeout=0.2)
    assert readiness.reasons == {"slow": "no answer within 0.2 s"}
    never.set()


def test_web_server_ready_route_answers_503_with_the_reason_when_the_database_is_gone() -> None:
    port = closed_port()
    app = Starlette(routes=[
        ready_route(create_engine(f"postgresql://postgres@127.0.0.1:{port}/nothing"))])
    reply = TestClient(app).get("/ready")
    assert reply.status_code == 503
    assert reply.json()["ready"] is False and "database" in reply.json()["checks"]
