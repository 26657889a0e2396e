"""Issue 13, findings 8 and 9 on the web server alone (no Rasa needed): deep JSON, a
zero-width message, the Host header, Secure cookies, chunked oversized bodies, and no user
names in the log when the database fails at sign-in."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bot.paths import domain_dir, translations_dir
from bot.responses import ResponseRenderer
from bot.translation import PoCatalogs
from bot.web.settings import WebSettings
from bot.web.usage import figures
from tests.hardening.client import post
from tests.hardening.web_server import database, sign_in, web_server

RENDERER = ResponseRenderer(domain_dir(), PoCatalogs(translations_dir()))


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with database("sqlite", tmp_path) as made:
        yield made


@pytest.fixture
def site(engine: Engine) -> Iterator[str]:
    with web_server(engine) as url:
        yield url


def test_json_nested_30000_deep_gets_400_not_500(site: str) -> None:
    deep = b'{"sender": "a", "message": "hi", "metadata": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"
    status, answer = post(f"{site}/bot/webhooks/rest/webhook", None, raw=deep)
    assert status in (400, 413) and answer["error"]
    deep_small = b"[" * 5_000 + b"]" * 5_000
    status, answer = post(f"{site}/bot/webhooks/rest/webhook", None, raw=deep_small)
    assert status in (400, 422) and answer["error"]


@pytest.mark.parametrize("message", ["\u200b", "\u200b\u200e\ufeff ", "\ud800"])
def test_a_message_of_invisible_characters_gets_the_empty_message_reply_and_is_not_counted(
        site: str, engine: Engine, message: str) -> None:
    status, answer = post(f"{site}/bot/webhooks/rest/webhook",
                          {"sender": "kiosk-1", "message": message})
    assert status == 200 and answer[1]["custom"]["language"] == "en"
    assert answer[0]["text"] == RENDERER.render("utter_empty_message", "en", {}).text
    assert figures(engine, []).questions == []


def test_a_foreign_host_header_never_redirects_off_the_site(site: str) -> None:
    for path in ("/staff/", "/staff", "/staff/reports"):
        answer = httpx2.get(site + path, headers={"Host": "evil.example"}, timeout=30)
        location = answer.headers.get("location", "")
        assert answer.is_redirect, path
        assert location.startswith("/") and "evil" not in location, (path, location)


def test_secure_cookies_are_on_when_the_public_url_is_https(monkeypatch: pytest.MonkeyPatch,
                                                            engine: Engine) -> None:
    monkeypatch.setenv("WEB_PUBLIC_URL", "https://chat.lindenbruck.example")
    monkeypatch.delenv("WEB_SECURE_COOKIES", raising=False)
    assert WebSettings.from_env().secure_cookies
    monkeypatch.setenv("WEB_SECURE_COOKIES", "0")
    assert not WebSettings.from_env().secure_cookies
    with web_server(engine, secure_cookies=True) as url:
        answer = httpx2.get(url + "/staff/login", timeout=30)
    assert "secure" in answer.headers["set-cookie"].lower()


def test_a_chunked_body_over_the_limit_is_cut_off_with_413(site: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(200):
            yield b" " * 10_000

    answer = httpx2.post(f"{site}/bot/webhooks/rest/webhook", content=chunks(), timeout=30,
                         headers={"Content-Type": "application/json"})
    assert answer.status_code == 413


def test_a_database_error_at_sign_in_logs_no_user_name(engine: Engine, site: str,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE web_staff_users"))
    handler_logger = logging.getLogger("uvicorn.error")
    handler_logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.DEBUG):
            status = sign_in(site, "zelda.distinctive.name", "a wrong password")
    finally:
        handler_logger.removeHandler(caplog.handler)
    assert status == 500
    assert "OperationalError" in caplog.text, "the error itself is logged"
    assert "zelda.distinctive" not in caplog.text
