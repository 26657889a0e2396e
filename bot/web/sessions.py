"""Server-side staff sessions and their CSRF tokens.

The browser's cookie holds only a random token; the database keeps its SHA-256 with the
user, an expiry and the session's CSRF token, which every form posts back. The sign-in
form, shown before there is a session, gets a signed token bound to a random cookie.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.web.accounts import StaffMember
from bot.web.models import StaffSessionRow, StaffUserRow, utcnow

__all__ = [
    "LoginCsrf",
    "StaffSession",
    "end_session",
    "load_session",
    "start_session",
    "tokens_match",
]


@dataclass(frozen=True)
class StaffSession:
    staff: StaffMember
    csrf_token: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def tokens_match(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


def start_session(
    engine: Engine, staff: StaffMember, lifetime: timedelta
) -> tuple[str, StaffSession]:
    """A new session for `staff`: (cookie token, session). Expired sessions are swept."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    with session_scope(engine) as session:
        session.execute(delete(StaffSessionRow).where(StaffSessionRow.expires_at <= now))
        session.add(StaffSessionRow(token_hash=_digest(token), user_id=staff.id, csrf_token=csrf,
                                    created_at=now, expires_at=now + lifetime))
    return token, StaffSession(staff, csrf)


def load_session(engine: Engine, token: str | None) -> StaffSession | None:
    """The live session behind a cookie token, or None (unknown, expired, user disabled)."""
    if not token or len(token) > 200:
        return None
    with session_scope(engine) as session:
        found = session.execute(
            select(StaffSessionRow, StaffUserRow)
            .join(StaffUserRow, StaffUserRow.id == StaffSessionRow.user_id)
            .where(StaffSessionRow.token_hash == _digest(token))
        ).first()
        if found is None:
            return None
        row, user = found
        if row.expires_at <= utcnow() or not user.active:
            session.delete(row)
            return None
        return StaffSession(StaffMember(user.id, user.name, user.role, user.office_id),
                            row.csrf_token)


def end_session(engine: Engine, token: str | None) -> None:
    if token:
        with session_scope(engine) as session:
            session.execute(
                delete(StaffSessionRow).where(StaffSessionRow.token_hash == _digest(token))
            )


class LoginCsrf:
    """CSRF for the sign-in form: a random cookie value, and the form carries it signed."""

    MAX_AGE_SECONDS = 3600

    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="staff-login")

    def issue(self, cookie_value: str | None) -> tuple[str, str]:
        """(cookie value, form token); keeps an existing cookie value."""
        value = (cookie_value if cookie_value and len(cookie_value) < 100
                 else secrets.token_urlsafe(24))
        return value, str(self._serializer.dumps(value))

    def valid(self, cookie_value: str | None, form_token: str | None) -> bool:
        if not cookie_value or not form_token:
            return False
        try:
            signed = self._serializer.loads(form_token, max_age=self.MAX_AGE_SECONDS)
        except (BadSignature, SignatureExpired):
            return False
        return tokens_match(cookie_value, signed)
