"""Check what a person told us against the facts vocabulary, before any rule reads it.

A profile maps fact ids to values; None (JSON null) means "not known" or "skipped".
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.eligibility.types import Fact

__all__ = ["ProfileError", "check_profile", "parse_answer"]


class ProfileError(ValueError):
    """A profile with unknown facts or values a fact cannot take; `problems` lists each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def check_profile(facts: Mapping[str, Fact], profile: Any) -> dict[str, Any]:
    """The known facts of `profile` (nulls dropped); raises ProfileError."""
    if not isinstance(profile, Mapping):
        raise ProfileError(["facts must be an object mapping fact ids to values"])
    problems: list[str] = []
    known: dict[str, Any] = {}
    for name, value in profile.items():
        fact = facts.get(name)
        if fact is None:
            problems.append(f"'{name}' is not a known fact (see GET /api/eligibility/facts)")
            continue
        if value is None:
            continue
        problem = _value_problem(fact, value)
        if problem:
            problems.append(f"{name}: {problem}")
        else:
            known[name] = value
    if problems:
        raise ProfileError(problems)
    return known


def parse_answer(fact: Fact, answer: str) -> Any:
    """A chat answer (a button payload or typed text) as the fact's value; raises ProfileError.

    Booleans come as `true`/`false` payloads, choices as their ids; whole numbers may be
    typed in any script's digits (Arabic-Indic and Persian digits included).
    """
    text = answer.strip()
    value: Any = text
    if fact.type == "boolean":
        value = {"true": True, "false": False}.get(text.lower(), text)
    elif fact.type == "integer":
        try:
            value = int(text)
        except ValueError:
            pass
    problem = _value_problem(fact, value)
    if problem:
        raise ProfileError([f"{fact.id}: {problem}"])
    return value


def _value_problem(fact: Fact, value: Any) -> str | None:
    if fact.type == "boolean":
        return None if isinstance(value, bool) else f"expected true or false, got {value!r}"
    if fact.type == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected a whole number, got {value!r}"
        if fact.minimum is not None and value < fact.minimum:
            return f"{value} is below the minimum {fact.minimum}"
        if fact.maximum is not None and value > fact.maximum:
            return f"{value} is above the maximum {fact.maximum}"
        return None
    allowed = [choice.id for choice in fact.choices]
    if not isinstance(value, str) or value not in allowed:
        return f"{value!r} is not one of {', '.join(allowed)}"
    return None
