"""Configuration of reports, read from environment variables (defaults in docs/reports.md).

Read when asked, never at import, so tests and processes can set the environment first.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

__all__ = [
    "OutboxSettings",
    "SettingsError",
    "SmtpSettings",
    "message_id_domain",
    "reference_prefix",
    "retention_action",
    "retention_days",
]

RETENTION_ACTIONS = ("anonymise", "delete")
DEFAULT_FROM_ADDRESS = "meldungen@lindenbruck.example"


class SettingsError(ValueError):
    pass


def _int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, not {value}")
    return value


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {raw!r}")


def retention_days() -> int:
    """REPORT_RETENTION_DAYS (default 365): how long a report keeps its text and contacts."""
    return _int("REPORT_RETENTION_DAYS", 365)


def retention_action() -> str:
    """REPORT_RETENTION_ACTION (default anonymise): anonymise keeps counts, delete keeps nothing."""
    action = os.environ.get("REPORT_RETENTION_ACTION", "").strip().lower() or "anonymise"
    if action not in RETENTION_ACTIONS:
        raise SettingsError(f"REPORT_RETENTION_ACTION must be one of {RETENTION_ACTIONS}")
    return action


def reference_prefix() -> str:
    """REPORT_REFERENCE_PREFIX (default LB): 1 to 4 capital letters before each reference."""
    prefix = os.environ.get("REPORT_REFERENCE_PREFIX", "").strip() or "LB"
    if not re.fullmatch(r"[A-Z]{1,4}", prefix):
        raise SettingsError("REPORT_REFERENCE_PREFIX must be 1 to 4 capital letters A-Z")
    return prefix


def _from_address() -> str:
    address = os.environ.get("REPORTS_FROM_ADDRESS", "").strip() or DEFAULT_FROM_ADDRESS
    if not re.fullmatch(r"[^@\s<>\"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", address):
        raise SettingsError(f"REPORTS_FROM_ADDRESS is not a plain e-mail address: {address!r}")
    return address


def message_id_domain() -> str:
    """The right-hand side of our Message-IDs: the domain of REPORTS_FROM_ADDRESS."""
    return _from_address().rsplit("@", 1)[1].lower()


@dataclass(frozen=True)
class SmtpSettings:
    """How the outbox reaches the mail server. `password` is never logged or shown."""

    host: str = "localhost"
    port: int = 25
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    from_address: str = DEFAULT_FROM_ADDRESS
    timeout_seconds: int = 30

    def __repr__(self) -> str:
        return (f"SmtpSettings(host={self.host!r}, port={self.port}, user={self.user!r}, "
                f"starttls={self.starttls}, from_address={self.from_address!r})")

    @classmethod
    def from_env(cls) -> SmtpSettings:
        """SMTP_HOST (localhost), SMTP_PORT (25), SMTP_USER, SMTP_PASSWORD, SMTP_STARTTLS
        (false), SMTP_TIMEOUT_SECONDS (30), REPORTS_FROM_ADDRESS."""
        return cls(
            host=os.environ.get("SMTP_HOST", "").strip() or "localhost",
            port=_int("SMTP_PORT", 25),
            user=os.environ.get("SMTP_USER") or None,
            password=os.environ.get("SMTP_PASSWORD") or None,
            starttls=_flag("SMTP_STARTTLS", False),
            from_address=_from_address(),
            timeout_seconds=_int("SMTP_TIMEOUT_SECONDS", 30),
        )


@dataclass(frozen=True)
class OutboxSettings:
    """Batch size, claim lease and retry backoff of the outbox worker."""

    batch_size: int = 20
    lease_seconds: int = 300
    retry_base_seconds: int = 60
    retry_max_seconds: int = 6 * 3600
    poll_seconds: int = 30

    def backoff_seconds(self, attempts: int) -> int:
        """Wait before the next try after `attempts` failures: 1, 2, 4 ... times the base."""
        return min(self.retry_max_seconds, self.retry_base_seconds * 2 ** max(0, attempts - 1))

    @classmethod
    def from_env(cls) -> OutboxSettings:
        """OUTBOX_BATCH_SIZE (20), OUTBOX_LEASE_SECONDS (300), OUTBOX_RETRY_BASE_SECONDS
        (60), OUTBOX_RETRY_MAX_SECONDS (21600), OUTBOX_POLL_SECONDS (30)."""
        return cls(
            batch_size=_int("OUTBOX_BATCH_SIZE", 20),
            lease_seconds=_int("OUTBOX_LEASE_SECONDS", 300),
            retry_base_seconds=_int("OUTBOX_RETRY_BASE_SECONDS", 60),
            retry_max_seconds=_int("OUTBOX_RETRY_MAX_SECONDS", 6 * 3600),
            poll_seconds=_int("OUTBOX_POLL_SECONDS", 30),
        )
