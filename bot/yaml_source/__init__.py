"""YAML source files read with their line numbers, and field checks that report file:line.

The catalogue, the eligibility rules and the routing table are written by people, so every
mistake is reported where it was written, all at once:
- read_yaml(path) -> Node | None     the file as nodes that remember their line
- plain(node)                        the same as dicts and lists that remember their line
- FieldChecker                       checks one file's nodes, collecting Problems
"""
from bot.yaml_source.checks import FieldChecker, Problem, describe, display, join
from bot.yaml_source.plain import LineDict, LineList, line_of, plain
from bot.yaml_source.read import Node, YamlProblem, read_yaml

__all__ = [
    "FieldChecker",
    "LineDict",
    "LineList",
    "Node",
    "Problem",
    "YamlProblem",
    "describe",
    "display",
    "join",
    "line_of",
    "plain",
    "read_yaml",
]
