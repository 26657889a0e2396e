"""Field checks for the eligibility YAML files, collecting problems with file:line."""
from __future__ import annotations

from collections.abc import Iterable

from bot.yaml_source import FieldChecker, Node

__all__ = ["Checker"]


class Checker(FieldChecker):
    """Rules are read whole or not at all: a mapping missing a required field gives None,
    and texts have their white space folded (rules quote them inside sentences)."""

    def fields(self, node: Node, path: str, required: Iterable[str],
               optional: Iterable[str] = ()) -> dict[str, Node] | None:
        required = list(required)
        written = super().fields(node, path, required, optional)
        if written is None or not set(required) <= written.keys():
            return None
        return written

    def string(self, node: Node, path: str) -> str | None:
        text = super().string(node, path)
        return None if text is None else " ".join(text.split())
