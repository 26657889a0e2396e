"""What a machine translator promises the response renderer."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class MachineResult:
    """A machine translation of a response template.

    text keeps every {placeholder} of the source, so the renderer fills it as it fills a
    curated translation; model names the packages used, so a reader can tell which model
    wrote it; pivot is "en" when the text went through English on its way.
    """

    text: str
    source: str
    target: str
    model: str
    pivot: str | None = None
    cached: bool = False


class MachineTranslator(Protocol):
    def translate(self, text: str, source: str, target: str) -> MachineResult | None:
        """The text in target, or None when no installed model covers source -> target
        (or the model failed, which is logged): the caller then shows the source text.

        text is a str.format template; the result has the same fields. Raises ValueError
        for text that is no valid template, and when source and target are the same.
        """

    def available_pairs(self) -> set[tuple[str, str]]:
        """Every (source, target) that translate() can serve, directly or through English."""


class NoMachineTranslation:
    """For deployments without models: every text falls back to its source."""

    def translate(self, text: str, source: str, target: str) -> MachineResult | None:
        return None

    def available_pairs(self) -> set[tuple[str, str]]:
        return set()
