"""Reference numbers a person can read aloud and type back: "LB-7K3Q-9XRM".

No 0/O or 1/I, so nothing can be misread; the last character is a check character
(Luhn mod 32), so a mistyped reference is recognised as invalid instead of finding nothing
or, worse, someone else's report.
"""
from __future__ import annotations

import re
import secrets

from bot.reports.settings import reference_prefix

__all__ = ["ALPHABET", "generate_reference", "normalise_reference"]

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
_RANDOM_CHARACTERS = 7


def _check_character(payload: str) -> str:
    total, factor, base = 0, 2, len(ALPHABET)
    for character in reversed(payload):
        addend = factor * ALPHABET.index(character)
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def _format(prefix: str, body: str) -> str:
    return f"{prefix}-{body[:4]}-{body[4:]}"


def generate_reference(prefix: str | None = None) -> str:
    """A new random reference (about 3.4 * 10^10 possibilities per prefix)."""
    payload = "".join(secrets.choice(ALPHABET) for _ in range(_RANDOM_CHARACTERS))
    return _format(prefix or reference_prefix(), payload + _check_character(payload))


def normalise_reference(text: str, prefix: str | None = None) -> str | None:
    """The canonical form of a reference as typed ("lb 7k3q9xrm"), or None if invalid."""
    prefix = prefix or reference_prefix()
    compact = re.sub(r"[\s\-_.]", "", text or "").upper()
    if compact.startswith(prefix):
        compact = compact[len(prefix):]
    if len(compact) != _RANDOM_CHARACTERS + 1 or any(c not in ALPHABET for c in compact):
        return None
    if _check_character(compact[:-1]) != compact[-1]:
        return None
    return _format(prefix, compact)
