"""Numeric settings read from the environment at call time, one parser for all of them.

An unset or empty variable takes the default; a value that is not a number is a mistake
of the operator and stops with the variable's name, instead of being ignored.
"""
from __future__ import annotations

import os

__all__ = ["number"]


def number(name: str, default: float) -> float:
    """The setting `name` as a number, or `default` when it is unset or empty."""
    value = (os.environ.get(name) or "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number, not {value!r}") from None
