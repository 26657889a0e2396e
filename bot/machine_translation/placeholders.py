"""Keeps {placeholders} intact through a model that knows nothing about them.

Texts are str.format templates, as the domain's responses are. Each field is replaced by
a numbered marker such as [7] that models tend to copy; after translation every marker
must come back exactly once, or the translation is withheld (quality.py). Braces the
model writes are escaped, so the result stays a template whose only fields are the source's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from string import Formatter

_MARKER = re.compile(r"\[\s*(\d+)\s*\]")


@dataclass(frozen=True)
class Template:
    """literals[i] comes before fields[i]; there is one literal more than fields."""

    literals: tuple[str, ...]
    fields: tuple[str, ...]


def parse(text: str) -> Template:
    """Raises ValueError for text that is not a valid format template (e.g. a lone "{")."""
    literals, fields, pending = [], [], ""
    for literal, name, spec, conversion in Formatter().parse(text):
        pending += literal
        if name is None:
            continue
        literals.append(pending)
        pending = ""
        suffix = (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        fields.append("{" + name + suffix + "}")
    literals.append(pending)
    return Template(tuple(literals), tuple(fields))


def escape(literal: str) -> str:
    return literal.replace("{", "{{").replace("}", "}}")


@dataclass(frozen=True)
class Masked:
    text: str
    markers: dict[int, str]


def mask(template: Template) -> Masked:
    """The template's literal text with a marker where each field was."""
    used = {int(number) for literal in template.literals for number in _MARKER.findall(literal)}
    first = max(used, default=0) + 1
    markers = {first + index: field for index, field in enumerate(template.fields)}
    pieces = [template.literals[0]]
    for number, literal in zip(markers, template.literals[1:], strict=True):
        pieces += [f"[{number}]", literal]
    return Masked("".join(pieces), markers)


def unmask(translated: str, masked: Masked) -> str | None:
    """The translated template with its fields back, or None if a marker was lost or repeated."""
    found = [int(match.group(1)) for match in _MARKER.finditer(translated)]
    ours = [number for number in found if number in masked.markers]
    if sorted(ours) != sorted(masked.markers):
        return None
    pieces, position = [], 0
    for match in _MARKER.finditer(translated):
        number = int(match.group(1))
        if number in masked.markers:
            pieces += [escape(translated[position:match.start()]), masked.markers[number]]
            position = match.end()
    pieces.append(escape(translated[position:]))
    return "".join(pieces)
