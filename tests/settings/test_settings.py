"""One declared list of environment variables: complete, checked, and behind .env.example."""
import re
from pathlib import Path

import pytest

from bot.settings import SettingsError, flag, items, whole_number
from bot.settings.__main__ import main
from bot.settings.check import example
from bot.settings.variables import VARIABLES

ROOT = Path(__file__).resolve().parents[2]
READ = re.compile(r"""(?:environ\.get|getenv|environ\[|(?:text|whole_number|number|flag|choice|"""
                  r"""matching|items|url|secret|_path)\()\s*["']([A-Z][A-Z0-9_]+)["']""")


def _names_read_in_source() -> set[str]:
    names = set()
    for folder in ("bot", "actions", "rasa_addons"):
        for path in (ROOT / folder).rglob("*.py"):
            names.update(READ.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_variable_read_in_the_source_is_declared() -> None:
    declared = {variable.name for variable in VARIABLES}
    assert _names_read_in_source() - declared == set()
    assert "WEB_NEW_USER_PASSWORD" in declared  # read through a constant, not a literal


def test_each_variable_is_declared_once() -> None:
    names = [variable.name for variable in VARIABLES]
    assert len(names) == len(set(names))


def test_env_example_is_what_the_command_generates() -> None:
    assert (ROOT / ".env.example").read_text(encoding="utf-8") == example()


def test_check_rejects_a_bad_whole_number_by_name(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SMTP_PORT", "twenty-five")
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert "SMTP_PORT must be a whole number" in captured.err
    assert re.search(r"^SMTP_PORT\s+twenty-five  INVALID$", captured.out, re.MULTILINE)


def test_check_passes_a_valid_environment_and_never_shows_a_secret(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for variable in VARIABLES:
        monkeypatch.delenv(variable.name, raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://city:hunter2@db/city")
    monkeypatch.setenv("SMTP_PASSWORD", "hunter2")
    monkeypatch.setenv("SMTP_PORT", "587")
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "hunter2" not in out
    assert re.search(r"^DATABASE_URL\s+set$", out, re.MULTILINE)
    assert re.search(r"^SMTP_PORT\s+587$", out, re.MULTILINE)
    assert re.search(r"^WEB_PORT\s+default$", out, re.MULTILINE)


def test_a_bad_redis_url_is_named_without_showing_its_password(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REDIS_URL", "http://:hunter2@redis:6379")
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert "REDIS_URL must start with redis://" in captured.err
    assert "hunter2" not in captured.out + captured.err


def test_whole_number_takes_the_default_when_unset_and_keeps_its_minimum() -> None:
    assert whole_number("N", 7, environ={}) == 7
    assert whole_number("N", 7, environ={"N": " 3 "}) == 3
    with pytest.raises(SettingsError, match="N must be at least 1, not 0"):
        whole_number("N", 7, minimum=1, environ={"N": "0"})


def test_flags_accept_the_same_spellings_everywhere() -> None:
    for spelling in ("1", "true", "YES", "on"):
        assert flag("F", False, environ={"F": spelling}) is True
    for spelling in ("0", "false", "No", "off"):
        assert flag("F", True, environ={"F": spelling}) is False
    with pytest.raises(SettingsError, match="F must be true or false"):
        flag("F", False, environ={"F": "maybe"})


def test_an_empty_trusted_proxies_trusts_no_proxy() -> None:
    assert items("P", "127.0.0.1,::1", environ={}) == ["127.0.0.1", "::1"]
    assert items("P", "127.0.0.1,::1", environ={"P": ""}) == []
