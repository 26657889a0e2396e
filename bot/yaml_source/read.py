"""YAML read as a tree of nodes that remember their line, so errors can name file:line.

PyYAML's `compose` keeps marks that `safe_load` throws away. Scalars keep their source text
as well as their YAML value, because YAML 1.1 turns `16:00` into 960 and `no` into False.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

__all__ = ["Node", "YamlProblem", "read_yaml"]


@dataclass
class Node:
    """A YAML value with where it was written. `value` is a dict of Nodes for a mapping,
    a list of Nodes for a sequence, the constructed value for a scalar."""

    kind: str  # "mapping", "sequence" or "scalar"
    value: Any
    line: int  # 1-based
    raw: str | None = None  # a scalar's text as written
    plain: bool = True  # a scalar written without quotes
    key_lines: dict[str, int] = field(default_factory=dict)  # a mapping's keys, where written

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.value is None


class YamlProblem(Exception):
    """A file that is not well-formed YAML (or repeats a key)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_yaml(path: Path) -> Node | None:
    """The file's root node, or None for an empty file; raises YamlProblem."""
    try:
        with path.open(encoding="utf-8") as stream:
            root = yaml.compose(stream, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(part for part in (error.context, error.problem) if part)
        raise YamlProblem(line, f"not valid YAML: {problem or error}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise YamlProblem(1, f"not valid YAML: {error}") from None
    if root is None:
        return None
    return _convert(root, SafeConstructor())


def _convert(node: yaml.Node, constructor: SafeConstructor) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, MappingNode):
        children: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(constructor.construct_object(key_node))
            if key in children:
                raise YamlProblem(key_node.start_mark.line + 1, f"key '{key}' appears twice")
            children[key] = _convert(value_node, constructor)
            key_lines[key] = key_node.start_mark.line + 1
        return Node("mapping", children, line, key_lines=key_lines)
    if isinstance(node, SequenceNode):
        return Node("sequence", [_convert(item, constructor) for item in node.value], line)
    assert isinstance(node, ScalarNode)
    value = constructor.construct_object(node)
    return Node("scalar", value, line, raw=node.value, plain=node.style is None)
