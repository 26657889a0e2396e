"""Erasure codes: only the person who filed a report can have it deleted.

A reference number is printed on kiosk slips and seen by staff, so it cannot be enough to
delete a report. At filing the person is shown, once, an erasure code next to the
reference; the chat asks for it before deleting. The code is an HMAC of the reference
under the city's erasure key, so nothing is stored (the key alone must be kept):
REPORT_ERASURE_KEY, or else a key file (REPORT_ERASURE_KEY_FILE, default
var/report-erasure.key, created with mode 0600 on first use). Changing or losing the key
makes every earlier code invalid; such reports are then erased by staff on request.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

from bot.paths import PROJECT_ROOT
from bot.reports.reference import ALPHABET
from bot.settings import text

__all__ = ["CODE_LENGTH", "audit", "code_matches", "erasure_code"]

CODE_LENGTH = 8
_audit = logging.getLogger("bot.reports.audit")


def _key_file() -> Path:
    configured = text("REPORT_ERASURE_KEY_FILE")
    return Path(configured) if configured else PROJECT_ROOT / "var" / "report-erasure.key"


def _key() -> bytes:
    configured = text("REPORT_ERASURE_KEY")
    if configured:
        return configured.encode()
    path = _key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            return path.read_bytes().strip()
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_bytes().strip()


def erasure_code(reference: str) -> str:
    """The code for `reference` (canonical form), e.g. "K7QM-3XRT"."""
    digest = hmac.new(_key(), reference.encode(), hashlib.sha256).digest()
    characters = "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:CODE_LENGTH])
    return f"{characters[:4]}-{characters[4:]}"


def code_matches(reference: str, typed: str) -> bool:
    """Whether `typed` holds the code, typed in any case, with or without spaces and dashes."""
    wanted = erasure_code(reference).replace("-", "")
    compact = "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    return any(hmac.compare_digest(compact[i:i + len(wanted)], wanted)
               for i in range(max(1, len(compact) - len(wanted) + 1)))


def audit(reference: str, outcome: str) -> None:
    """One line per erasure attempt: the reference and what happened, nothing else."""
    _audit.warning("report erasure %s: %s", reference, outcome)
