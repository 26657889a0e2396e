"""Configuration of reports, read from environment variables (defaults in docs/reports.md).

Read when asked, never at import, so tests and processes can set the environment first.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.settings import SettingsError, choice, flag, matching, secret, text, whole_number

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
REFERENCE_PREFIX = (r"[A-Z]{1,4}", "1 to 4 capital letters A-Z")
FROM_ADDRESS = (r"[^@\s<>\"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", "a plain e-mail address")


def retention_days() -> int:
    """REPORT_RETENTION_DAYS (default 365): how long a report keeps its text and contacts."""
    return whole_number("REPORT_RETENTION_DAYS", 365, minimum=1)


def retention_action() -> str:
    """REPORT_RETENTION_ACTION (default anonymise): anonymise keeps counts, delete keeps nothing."""
    return choice("REPORT_RETENTION_ACTION", "anonymise", RETENTION_ACTIONS)


def reference_prefix() -> str:
    """REPORT_REFERENCE_PREFIX (default LB): 1 to 4 capital letters before each reference."""
    return matching("REPORT_REFERENCE_PREFIX", "LB", *REFERENCE_PREFIX)


def _from_address() -> str:
    return matching("REPORTS_FROM_ADDRESS", DEFAULT_FROM_ADDRESS, *FROM_ADDRESS)


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
            host=text("SMTP_HOST", "localhost"),
            port=whole_number("SMTP_PORT", 25, minimum=1),
            user=text("SMTP_USER"),
            password=secret("SMTP_PASSWORD"),
            starttls=flag("SMTP_STARTTLS", False),
            from_address=_from_address(),
            timeout_seconds=whole_number("SMTP_TIMEOUT_SECONDS", 30, minimum=1),
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
            batch_size=whole_number("OUTBOX_BATCH_SIZE", 20, minimum=1),
            lease_seconds=whole_number("OUTBOX_LEASE_SECONDS", 300, minimum=1),
            retry_base_seconds=whole_number("OUTBOX_RETRY_BASE_SECONDS", 60, minimum=1),
            retry_max_seconds=whole_number("OUTBOX_RETRY_MAX_SECONDS", 6 * 3600, minimum=1),
            poll_seconds=whole_number("OUTBOX_POLL_SECONDS", 30, minimum=1),
        )
