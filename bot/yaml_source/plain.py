"""Nodes turned into plain dicts, lists and values that still remember their line, for
checks that read a file as data (the routing table) rather than field by field."""
from __future__ import annotations

from typing import Any

from bot.yaml_source.read import Node

__all__ = ["LineDict", "LineList", "line_of", "plain"]


class LineDict(dict):
    """A mapping with the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):
    line: int = 0


def line_of(value: Any, key: str | None = None, default: int = 1) -> int:
    """The line of `value` (or of its `key`, when `value` is a LineDict holding it)."""
    if key is not None and isinstance(value, LineDict):
        return value.key_lines.get(key, value.line)
    return getattr(value, "line", default) or default


def plain(node: Node | None) -> Any:
    """The node's value with mappings as LineDicts and sequences as LineLists."""
    if node is None:
        return None
    if node.kind == "mapping":
        mapping = LineDict((key, plain(child)) for key, child in node.value.items())
        mapping.line, mapping.key_lines = node.line, dict(node.key_lines)
        return mapping
    if node.kind == "sequence":
        items = LineList(plain(child) for child in node.value)
        items.line = node.line
        return items
    return node.value
