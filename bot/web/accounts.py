"""Staff accounts: argon2 password hashes, roles, and the sign-in lockout.

After `max_failures` wrong passwords in a row for one user name (or `max_failures_per_address`
attempts from one client address), sign-in is refused for `lockout` (even with the right
password); a successful sign-in clears the name's count. Attempts are counted atomically
before the password is checked, so guesses sent in parallel are each counted.
Unknown names are throttled the same way and cost the same hashing time, so neither the
answer nor its timing tells which names exist.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import DateTime, Integer, bindparam, delete, func, select, text, update
from sqlalchemy.engine import Connection, Engine

from bot.db import session_scope
from bot.web.models import LoginThrottleRow, StaffSessionRow, StaffUserRow, utcnow

__all__ = [
    "ROLES",
    "Account",
    "AccountError",
    "SignIn",
    "SignInResult",
    "StaffMember",
    "authenticate",
    "create_user",
    "list_users",
    "set_active",
    "set_password",
]

ROLES: tuple[str, ...] = ("frontline", "office", "admin")
MIN_PASSWORD_LENGTH = 12

_HASHER = PasswordHasher()
# Verified against when the name is unknown, so that answer takes as long as a real check.
_DUMMY_HASH = _HASHER.hash("not a real password, only for timing")


class AccountError(ValueError):
    """A user that cannot be created as asked (unknown role, missing office, weak password)."""


@dataclass(frozen=True)
class StaffMember:
    """Who is signed in: what the pages and the report permission check look at."""

    id: int
    name: str
    role: str
    office_id: str | None


class SignIn(Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"


@dataclass(frozen=True)
class SignInResult:
    outcome: SignIn
    staff: StaffMember | None = None


def _member(row: StaffUserRow) -> StaffMember:
    return StaffMember(row.id, row.name, row.role, row.office_id)


def _check(name: str, role: str, office_id: str | None, password: str) -> None:
    if not name or len(name) > 80 or any(ch.isspace() for ch in name):
        raise AccountError("the user name must be 1-80 characters without spaces")
    if role not in ROLES:
        raise AccountError(f"the role must be one of {', '.join(ROLES)}")
    if role == "office" and not office_id:
        raise AccountError("office staff need --office OFFICE_ID")
    if role != "office" and office_id:
        raise AccountError("only office staff belong to an office")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


def create_user(engine: Engine, name: str, role: str, password: str,
                office_id: str | None = None) -> StaffMember:
    """A new staff account; raises AccountError if invalid or the name is taken."""
    _check(name, role, office_id, password)
    with session_scope(engine) as session:
        if session.execute(select(StaffUserRow).where(StaffUserRow.name == name)).first():
            raise AccountError(f"a user named {name!r} exists already")
        row = StaffUserRow(name=name, role=role, office_id=office_id,
                           password_hash=_HASHER.hash(password), active=True)
        session.add(row)
        session.flush()
        return _member(row)


def _end_sessions(session: Any, user_id: int) -> int:
    return session.execute(delete(StaffSessionRow).where(StaffSessionRow.user_id == user_id)
                           ).rowcount or 0


def _user(session: Any, name: str) -> StaffUserRow:
    row = session.execute(select(StaffUserRow).where(StaffUserRow.name == name)).scalar()
    if row is None:
        raise AccountError(f"there is no user named {name!r}")
    return row


def set_password(engine: Engine, name: str, password: str) -> int:
    """A new password; every session of the user ends (how many is returned), so whoever
    knew the old password is signed out everywhere."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    with session_scope(engine) as session:
        row = _user(session, name)
        row.password_hash = _HASHER.hash(password)
        return _end_sessions(session, row.id)


def set_active(engine: Engine, name: str, active: bool) -> int:
    """Enable or disable an account; disabling ends its sessions (how many is returned)."""
    with session_scope(engine) as session:
        row = _user(session, name)
        row.active = active
        return 0 if active else _end_sessions(session, row.id)


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    office_id: str | None
    active: bool
    sessions: int


def list_users(engine: Engine) -> list[Account]:
    with session_scope(engine) as session:
        sessions = dict(session.execute(
            select(StaffSessionRow.user_id, func.count())
            .where(StaffSessionRow.expires_at > utcnow())
            .group_by(StaffSessionRow.user_id)).all())
        rows = session.execute(select(StaffUserRow).order_by(StaffUserRow.name)).scalars()
        return [Account(row.name, row.role, row.office_id, bool(row.active),
                        int(sessions.get(row.id, 0))) for row in rows]


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# One statement counts an attempt and reads the count back, so parallel attempts each get
# their own number (a read-then-write lets twelve guesses sent at once count as one, and
# a plain INSERT fails on the primary key when two first attempts race).
_COUNT_ATTEMPT = text("""
    INSERT INTO web_login_throttle (name, failures, locked_until) VALUES (:key, 1, NULL)
    ON CONFLICT (name) DO UPDATE SET
      failures = CASE WHEN web_login_throttle.locked_until IS NOT NULL
                       AND web_login_throttle.locked_until <= :now
                      THEN 1 ELSE web_login_throttle.failures + 1 END,
      locked_until = CASE WHEN web_login_throttle.locked_until IS NOT NULL
                           AND web_login_throttle.locked_until <= :now
                          THEN NULL ELSE web_login_throttle.locked_until END
    RETURNING failures, locked_until
""").bindparams(bindparam("now", type_=DateTime())).columns(
    failures=Integer(), locked_until=DateTime())


def throttle_key(kind: str, value: str) -> str:
    """The throttle row of a user name or a client address: a hash, so the table keeps no
    typed names (people type passwords into the name field) and fits its 80 characters."""
    return f"{kind} {hashlib.sha256(value.encode('utf-8', 'replace')).hexdigest()}"


def _count_attempts(engine: Engine, keys: list[tuple[str, int]], lockout: timedelta,
                    now: datetime) -> list[int]:
    """Count one attempt on every key (user name, client address) before any password is
    checked: each attempt's number, or 0 for a key that is locked (locking it now if this
    attempt is over its limit). One transaction for all keys, so parallel attempts are
    numbered in the same order on each: the first guesses for a name are never the ones
    an address count taken in between has already locked."""
    with engine.begin() as connection:
        return [_count_attempt(connection, key, limit, lockout, now) for key, limit in keys]


def _count_attempt(connection: Connection, key: str, limit: int, lockout: timedelta,
                   now: datetime) -> int:
    failures, locked_until = connection.execute(_COUNT_ATTEMPT, {"key": key, "now": now}).one()
    if locked_until is not None and locked_until > now:
        return 0
    if failures > limit:
        connection.execute(update(LoginThrottleRow).where(LoginThrottleRow.name == key)
                           .values(locked_until=now + lockout))
        return 0
    return int(failures)


def authenticate(engine: Engine, name: str, password: str, *, max_failures: int = 5,
                 lockout: timedelta = timedelta(minutes=15), address: str | None = None,
                 max_failures_per_address: int = 30,
                 now: datetime | None = None) -> SignInResult:
    """Check a sign-in; see the module docstring for the lockout. Every attempt is counted
    (per user name and per client address) before argon2 runs; a right password then
    takes its attempt back."""
    now = now or utcnow()
    name = name.strip()[:80]
    account = throttle_key("user", name)
    keys = [(account, max_failures)]
    if address:
        keys.append((throttle_key("address", address), max_failures_per_address))
    attempts = _count_attempts(engine, keys, lockout, now)
    if 0 in attempts:
        return SignInResult(SignIn.LOCKED)
    with session_scope(engine) as session:
        user = session.execute(
            select(StaffUserRow).where(StaffUserRow.name == name, StaffUserRow.active.is_(True))
        ).scalar()
        valid = _verify(user.password_hash if user else _DUMMY_HASH, password) and user is not None
        if valid:
            session.execute(delete(LoginThrottleRow).where(LoginThrottleRow.name == account))
            if address:
                session.execute(update(LoginThrottleRow)
                                .where(LoginThrottleRow.name == keys[1][0],
                                       LoginThrottleRow.failures > 0)
                                .values(failures=LoginThrottleRow.failures - 1))
            if _HASHER.check_needs_rehash(user.password_hash):
                user.password_hash = _HASHER.hash(password)
            return SignInResult(SignIn.OK, _member(user))
    if attempts[0] >= max_failures:
        with engine.begin() as connection:
            connection.execute(update(LoginThrottleRow).where(LoginThrottleRow.name == account)
                               .values(locked_until=now + lockout))
        return SignInResult(SignIn.LOCKED)
    return SignInResult(SignIn.WRONG)
