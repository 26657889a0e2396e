"""YAML read into plain values that remember their line, so errors can name file:line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

__all__ = ["LineDict", "LineList", "YamlError", "line_of", "read_yaml"]


class LineDict(dict):
    """A mapping with the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LineList(list):
    line: int = 0


class YamlError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def line_of(value: Any, key: str | None = None, default: int = 1) -> int:
    """The line of `value` (or of its `key`, when `value` is a LineDict holding it)."""
    if key is not None and isinstance(value, LineDict):
        return value.key_lines.get(key, value.line)
    return getattr(value, "line", default) or default


def read_yaml(path: Path) -> Any:
    """The file's content with lines attached; raises YamlError (with a line) if malformed."""
    try:
        with path.open(encoding="utf-8") as stream:
            root = yaml.compose(stream, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlError(mark.line + 1 if mark else 1, f"not valid YAML: {error.problem}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise YamlError(1, f"not valid YAML: {error}") from None
    return None if root is None else _convert(root, yaml.constructor.SafeConstructor())


def _convert(node: yaml.Node, constructor: yaml.constructor.SafeConstructor) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, MappingNode):
        mapping = LineDict()
        mapping.line, mapping.key_lines = line, {}
        for key_node, value_node in node.value:
            key = str(constructor.construct_object(key_node))
            if key in mapping:
                raise YamlError(key_node.start_mark.line + 1, f"key '{key}' appears twice")
            mapping[key] = _convert(value_node, constructor)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, SequenceNode):
        items = LineList(_convert(item, constructor) for item in node.value)
        items.line = line
        return items
    assert isinstance(node, ScalarNode)
    return constructor.construct_object(node)
