"""The outbox's e-mail translation over the offline machine translator.

Point the outbox worker at it: `OUTBOX_TRANSLATOR=bot.reports.mail_translation:translate`.
A person's free text is not a template, so its braces are escaped on the way in and the
result is read back as plain text. Where no model covers the pair, the original comes
back with kind "none" and the e-mail says that no translation was available.
"""
from __future__ import annotations

from functools import lru_cache

from bot.machine_translation import from_environment
from bot.machine_translation.types import MachineTranslator
from bot.reports.mail import NO_TRANSLATION

__all__ = ["NO_TRANSLATION", "translate"]


@lru_cache(maxsize=1)
def _translator() -> MachineTranslator:
    """One translator per worker process, made on first use (models load lazily)."""
    return from_environment()


def translate(text: str, source: str, target: str,
              translator: MachineTranslator | None = None) -> tuple[str, str]:
    """`text` in `target` and how it was made, e.g. "machine translation (<model>)"."""
    if not text or source == target:
        return text, NO_TRANSLATION
    machine = translator or _translator()
    escaped = text.replace("{", "{{").replace("}", "}}")
    result = machine.translate(escaped, source, target)
    if result is None:
        return text, NO_TRANSLATION
    via = f", via {result.pivot}" if result.pivot else ""
    return result.text.format(), f"machine translation ({result.model}{via})"
