"""The web server's configuration, read from environment variables (documented in docs/web.md).

Everything has a default that works on a laptop next to `make run`.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from bot.db import database_url
from bot.settings import flag, secret, text, whole_number

__all__ = ["WebSettings"]


@dataclass(frozen=True)
class WebSettings:
    """`bot_url` is where the web server reaches Rasa (the relay forwards there);
    `secret_key` signs the login form's CSRF token (random per process unless set)."""

    host: str = "127.0.0.1"
    port: int = 8080
    bot_url: str = "http://127.0.0.1:5005"
    database_url: str = field(default_factory=database_url)
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    public_url: str = ""
    secure_cookies: bool = False
    staff_session_minutes: int = 480
    login_max_failures: int = 5
    login_lockout_minutes: int = 15
    login_max_failures_per_address: int = 30
    kiosk_idle_seconds: int = 120
    kiosk_warning_seconds: int = 30
    kiosk_language: str = "en"
    keep_unanswered_text: bool = False
    bot_timeout_seconds: float = 60.0
    max_body_bytes: int = 65536

    @classmethod
    def from_env(cls, **overrides: object) -> WebSettings:
        """Settings from WEB_* variables (and DATABASE_URL), then `overrides`."""
        public_url = text("WEB_PUBLIC_URL", "")
        values: dict[str, object] = {
            "host": text("WEB_HOST") or text("HOST") or "127.0.0.1",
            "port": whole_number("WEB_PORT", 8080),
            "bot_url": text("WEB_BOT_URL", "http://127.0.0.1:5005"),
            "database_url": database_url(),
            "public_url": public_url,
            "secure_cookies": flag("WEB_SECURE_COOKIES", public_url.startswith("https://")),
            "staff_session_minutes": whole_number("WEB_STAFF_SESSION_MINUTES", 480),
            "kiosk_idle_seconds": whole_number("WEB_KIOSK_IDLE_SECONDS", 120),
            "kiosk_warning_seconds": whole_number("WEB_KIOSK_WARNING_SECONDS", 30),
            "kiosk_language": text("WEB_KIOSK_LANGUAGE", "en"),
            "keep_unanswered_text": flag("WEB_KEEP_UNANSWERED_TEXT", False),
            "max_body_bytes": whole_number("WEB_MAX_BODY_BYTES", 65536),
        }
        secret_key = secret("WEB_SECRET_KEY")
        if secret_key:
            values["secret_key"] = secret_key
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
