"""Field checks for YAML source files: each mistake becomes a Problem naming file:line, the
field path and what is wrong, and checking goes on, so one run lists every mistake."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from bot.yaml_source.read import Node

__all__ = ["FieldChecker", "Problem", "describe", "display", "join"]

T = TypeVar("T")
S = TypeVar("S", bound=str)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}: {where}{self.message}"


def display(path: Path) -> str:
    """A path as people typed it: relative to the working directory when inside it."""
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def describe(node: Node) -> str:
    """What was written instead, for "expected ..., found ..."."""
    if node.kind == "scalar":
        return "nothing" if node.value is None else f"'{node.raw}'"
    return "a list" if node.kind == "sequence" else "a mapping"


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class FieldChecker:
    """Checks the nodes of one file; each check returns None after reporting a problem."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.name = display(path)
        self.problems = problems

    def problem(self, node: Node | int, path: str, message: str) -> None:
        line = node if isinstance(node, int) else node.line
        self.problems.append(Problem(self.name, line, path, message))

    def fields(self, node: Node, path: str, required: Iterable[str],
               optional: Iterable[str] = ()) -> dict[str, Node] | None:
        """A mapping's fields that are written; reports unknown and missing ones."""
        if node.kind != "mapping":
            self.problem(node, path, f"expected a mapping of fields, found {describe(node)}")
            return None
        required = list(required)
        known = set(required) | set(optional)
        for key, child in node.value.items():
            if key not in known:
                expected = ", ".join(sorted(known))
                self.problem(child, join(path, key), f"unknown field (expected one of {expected})")
        for key in required:
            if key not in node.value or node.value[key].is_null:
                self.problem(node, join(path, key), "required field is missing")
        return {key: child for key, child in node.value.items() if not child.is_null}

    def string(self, node: Node, path: str) -> str | None:
        if node.kind != "scalar" or node.value is None:
            self.problem(node, path, f"expected text, found {describe(node)}")
            return None
        text = (node.raw or "").strip()
        if not text:
            self.problem(node, path, "must not be empty")
            return None
        return text

    def matching(self, node: Node, path: str, pattern: re.Pattern[str], what: str) -> str | None:
        value = self.string(node, path)
        if value is not None and not pattern.match(value):
            self.problem(node, path, f"'{value}' is not {what}")
            return None
        return value

    def one_of(self, node: Node, path: str, allowed: Iterable[S]) -> S | None:
        """The allowed value written, typed as `allowed` is (a Literal stays one)."""
        value = self.string(node, path)
        allowed = list(allowed)
        for choice in allowed:
            if value == choice:
                return choice
        if value is not None:
            self.problem(node, path, f"'{value}' is not one of {', '.join(allowed)}")
        return None

    def boolean(self, node: Node, path: str) -> bool | None:
        if node.kind != "scalar" or not isinstance(node.value, bool):
            self.problem(node, path, f"expected true or false, found {describe(node)}")
            return None
        return node.value

    def integer(self, node: Node, path: str) -> int | None:
        if node.kind != "scalar" or isinstance(node.value, bool) or not isinstance(node.value, int):
            self.problem(node, path, f"expected a whole number, found {describe(node)}")
            return None
        return node.value

    def date(self, node: Node, path: str) -> date | None:
        if node.kind == "scalar" and isinstance(node.value, date):
            return node.value
        raw = self.string(node, path)
        if raw is None:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.problem(node, path, f"'{raw}' is not a date (YYYY-MM-DD)")
            return None

    def sequence(self, node: Node, path: str, item: Callable[[Node, str], T | None],
                 allow_empty: bool = False) -> list[T] | None:
        if node.kind != "sequence":
            self.problem(node, path, f"expected a list, found {describe(node)}")
            return None
        if not node.value and not allow_empty:
            self.problem(node, path, "must not be empty")
            return None
        values = [item(child, f"{path}[{index}]") for index, child in enumerate(node.value)]
        if any(value is None for value in values):
            return None
        return [value for value in values if value is not None]
