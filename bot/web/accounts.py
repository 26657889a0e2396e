"""Staff accounts: argon2 password hashes, roles, and the sign-in lockout.

After `max_failures` wrong passwords in a row for one user name, sign-in for that name is
refused for `lockout` (even with the right password); a successful sign-in clears the count.
Unknown names are throttled the same way and cost the same hashing time, so neither the
answer nor its timing tells which names exist.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.web.models import LoginThrottleRow, StaffUserRow, utcnow

__all__ = [
    "ROLES",
    "AccountError",
    "SignIn",
    "SignInResult",
    "StaffMember",
    "authenticate",
    "create_user",
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


def set_password(engine: Engine, name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    with session_scope(engine) as session:
        row = session.execute(select(StaffUserRow).where(StaffUserRow.name == name)).scalar()
        if row is None:
            raise AccountError(f"there is no user named {name!r}")
        row.password_hash = _HASHER.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def authenticate(engine: Engine, name: str, password: str, *, max_failures: int = 5,
                 lockout: timedelta = timedelta(minutes=15),
                 now: datetime | None = None) -> SignInResult:
    """Check a sign-in and count failures; see the module docstring for the lockout."""
    now = now or utcnow()
    name = name.strip()[:80]
    with session_scope(engine) as session:
        throttle = session.get(LoginThrottleRow, name, with_for_update=True)
        if throttle is not None and throttle.locked_until and throttle.locked_until > now:
            return SignInResult(SignIn.LOCKED)
        user = session.execute(
            select(StaffUserRow).where(StaffUserRow.name == name, StaffUserRow.active.is_(True))
        ).scalar()
        valid = _verify(user.password_hash if user else _DUMMY_HASH, password) and user is not None
        if valid:
            if throttle is not None:
                session.delete(throttle)
            if _HASHER.check_needs_rehash(user.password_hash):
                user.password_hash = _HASHER.hash(password)
            return SignInResult(SignIn.OK, _member(user))
        if throttle is None:
            throttle = LoginThrottleRow(name=name, failures=0)
            session.add(throttle)
        if throttle.locked_until and throttle.locked_until <= now:
            throttle.failures, throttle.locked_until = 0, None
        throttle.failures += 1
        if throttle.failures >= max_failures:
            throttle.locked_until = now + lockout
            return SignInResult(SignIn.LOCKED)
        return SignInResult(SignIn.WRONG)
