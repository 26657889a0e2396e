"""Readers of one environment variable each, shared by every area's settings.

The same rules everywhere: an unset or empty variable takes the default, surrounding
spaces are ignored (except in secrets, read as given), and a value we cannot use stops
with one `SettingsError` naming the variable and the rule, never showing a secret.
Each reader takes `environ` so a caller (or a test, or `python -m bot.settings check`)
can read from a mapping other than the process's environment.
"""
from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from typing import overload

__all__ = [
    "FALSE_SPELLINGS",
    "TRUE_SPELLINGS",
    "SettingsError",
    "choice",
    "flag",
    "items",
    "matching",
    "number",
    "secret",
    "text",
    "url",
    "whole_number",
]

TRUE_SPELLINGS = frozenset({"1", "true", "yes", "on"})
FALSE_SPELLINGS = frozenset({"0", "false", "no", "off"})


class SettingsError(ValueError):
    """An environment variable holds a value we cannot use."""


def _raw(name: str, environ: Mapping[str, str] | None) -> str:
    return ((os.environ if environ is None else environ).get(name) or "").strip()


def whole_number(name: str, default: int, *, minimum: int | None = None,
                 environ: Mapping[str, str] | None = None) -> int:
    """`name` as a whole number, at least `minimum` when one is given."""
    raw = _raw(name, environ)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if minimum is not None and value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, not {value}")
    return value


def number(name: str, default: float, *, environ: Mapping[str, str] | None = None) -> float:
    """`name` as a number, decimals allowed."""
    raw = _raw(name, environ)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {raw!r}") from None


def flag(name: str, default: bool, *, environ: Mapping[str, str] | None = None) -> bool:
    """`name` as true (1, true, yes, on) or false (0, false, no, off), in any case; any
    other spelling stops with an error (a typo must not turn secure cookies off)."""
    raw = _raw(name, environ).lower()
    if not raw:
        return default
    if raw in TRUE_SPELLINGS:
        return True
    if raw in FALSE_SPELLINGS:
        return False
    raise SettingsError(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}")


def choice(name: str, default: str, choices: Collection[str], *,
           environ: Mapping[str, str] | None = None) -> str:
    """`name` as one of `choices`, in lower case."""
    value = _raw(name, environ).lower() or default
    if value not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


@overload
def text(name: str, default: str, *, environ: Mapping[str, str] | None = None) -> str: ...
@overload
def text(name: str, default: None = None, *,
         environ: Mapping[str, str] | None = None) -> str | None: ...
def text(name: str, default: str | None = None, *,
         environ: Mapping[str, str] | None = None) -> str | None:
    """`name` as text without surrounding spaces."""
    return _raw(name, environ) or default


def url(name: str, schemes: Collection[str], *,
        environ: Mapping[str, str] | None = None) -> str | None:
    """`name` as a URL with one of `schemes`, or None when unset. The value is not shown in
    the error: a URL may carry a password."""
    value = _raw(name, environ)
    if not value:
        return None
    scheme, separator, _ = value.partition("://")
    if not separator or scheme.lower() not in schemes:
        allowed = " or ".join(f"{each}://" for each in schemes)
        raise SettingsError(f"{name} must start with {allowed}")
    return value


def secret(name: str, *, environ: Mapping[str, str] | None = None) -> str | None:
    """`name` exactly as set (spaces may belong to a password), or None when unset or empty."""
    return (os.environ if environ is None else environ).get(name) or None


def matching(name: str, default: str, pattern: str, rule: str, *,
             environ: Mapping[str, str] | None = None) -> str:
    """`name` as text that matches `pattern` whole; `rule` says so in words."""
    value = _raw(name, environ) or default
    if not re.fullmatch(pattern, value):
        raise SettingsError(f"{name} must be {rule}, not {value!r}")
    return value


def items(name: str, default: str, *, environ: Mapping[str, str] | None = None) -> list[str]:
    """`name` as a comma-separated list. Unlike the other readers, a variable set but empty
    is an empty list, not the default: TRUSTED_PROXIES= trusts no proxy at all."""
    value = (os.environ if environ is None else environ).get(name)
    value = default if value is None else value
    return [part.strip() for part in value.split(",") if part.strip()]
