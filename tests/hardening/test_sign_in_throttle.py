"""Issue 13, finding 2: guesses sent in parallel are each counted before argon2 runs, per
user name and per client address, and never give a 500."""
from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.web.accounts import create_user
from tests.hardening.web_server import PASSWORD, database, sign_in, web_server
from tests.support.postgres import BACKENDS


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with database(request.param, tmp_path) as made:
        create_user(made, "lena", "admin", PASSWORD)
        yield made


@pytest.fixture
def console(engine: Engine) -> Iterator[str]:
    with web_server(engine) as url:
        yield url


def in_parallel(count: int, attempt) -> list[int]:  # type: ignore[no-untyped-def]
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(attempt, range(count)))


def test_twelve_wrong_guesses_at_once_lock_the_account(console: str) -> None:
    statuses = in_parallel(12, lambda _: sign_in(console, "lena", "wrong guess"))
    assert sorted(statuses) == [401] * 4 + [429] * 8, statuses
    assert sign_in(console, "lena", PASSWORD) == 429, "the right password must wait out the lock"


def test_thirty_seven_guesses_then_the_right_password_is_still_locked(console: str) -> None:
    statuses = in_parallel(37, lambda i: sign_in(console, "lena", f"guess {i}"))
    assert statuses.count(401) == 4 and 500 not in statuses
    assert sign_in(console, "lena", PASSWORD) == 429


def test_twenty_parallel_first_guesses_for_a_new_name_give_no_500(console: str) -> None:
    statuses = in_parallel(20, lambda _: sign_in(console, "nobody-yet", "wrong"))
    assert set(statuses) <= {401, 429} and statuses.count(401) == 4, statuses


def test_one_address_guessing_many_names_is_locked_and_others_are_not(console: str) -> None:
    attacker, colleague = "203.0.113.5", "198.51.100.7"
    statuses = [sign_in(console, f"name{i}", "wrong", attacker) for i in range(31)]
    assert statuses[:30] == [401] * 30 and statuses[30] == 429
    assert sign_in(console, "lena", PASSWORD, attacker) == 429
    assert sign_in(console, "lena", PASSWORD, colleague) == 303


def test_a_forwarded_address_from_an_untrusted_client_is_ignored() -> None:
    from bot.client_address import client_address

    trusted = frozenset({"127.0.0.1"})
    assert client_address("127.0.0.1", "203.0.113.5", trusted) == "203.0.113.5"
    assert client_address("198.51.100.7", "203.0.113.5", trusted) == "198.51.100.7"
    assert client_address("127.0.0.1", "1.1.1.1, 127.0.0.1", trusted) == "1.1.1.1"
