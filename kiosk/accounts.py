"""Staff accounts: argon2id hashes, enabling and disabling, logging in."""

import hashlib
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk import prisons
from kiosk.clock import utc_now
from kiosk.models import StaffSession, StaffUser

HASHER = PasswordHasher()  # argon2id with the library's current parameters
MIN_PASSWORD_LENGTH = 10
# Checked when the username is unknown, so both cases take the same time.
_DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A staff account command that cannot be carried out, with the reason."""


def _normalise(username: str) -> str:
    return username.strip().lower()


def find(session: Session, username: str) -> StaffUser | None:
    """Return the account named ``username`` (case-insensitive), if any."""
    query = select(StaffUser).where(StaffUser.username == _normalise(username))
    return session.scalars(query).first()


def add(
    session: Session,
    username: str,
    password: str,
    prison_slugs: list[str] | None = None,
    all_prisons: bool = False,
) -> StaffUser:
    """Create an active account for some prisons (or all); refuse a weak one.

    With no prison named, the account works for the only prison there is; with
    several prisons, the caller must say which.
    """
    name = _normalise(username)
    if not name or len(name) > 64 or not name.isprintable() or " " in name:
        raise AccountError("the username must be 1-64 characters without spaces")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            f"the password must have at least {MIN_PASSWORD_LENGTH} characters"
        )
    if find(session, name) is not None:
        raise AccountError(f"an account named {name!r} exists already")
    slugs = list(prison_slugs or [])
    if not slugs and not all_prisons:
        every = prisons.all_prisons(session)
        if len(every) != 1:
            raise AccountError("name the prisons (--prison SLUG) or --region")
        slugs = [every[0].slug]
    user = StaffUser(
        username=name,
        password_hash=HASHER.hash(password),
        active=True,
        created_at=utc_now(),
        all_prisons=all_prisons,
    )
    session.add(user)
    session.flush()
    try:
        prisons.grant(session, user, slugs)
    except prisons.PrisonError as error:
        session.rollback()
        raise AccountError(str(error)) from None
    session.commit()
    return user


def set_active(session: Session, username: str, active: bool) -> StaffUser:
    """Enable or disable an account; a disabled account's sessions end."""
    user = find(session, username)
    if user is None:
        raise AccountError(f"no account named {_normalise(username)!r}")
    user.active = active
    if not active:
        session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
    session.commit()
    return user


def all_accounts(session: Session) -> list[StaffUser]:
    """Return every account, by name."""
    return list(session.scalars(select(StaffUser).order_by(StaffUser.username)))


def count(session: Session) -> int:
    """Return how many accounts exist."""
    return session.scalar(select(func.count()).select_from(StaffUser)) or 0


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    """Return the active account if the password is right; None otherwise."""
    user = find(session, username)
    try:
        HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
        session.commit()
    return user


def create_demo_counsellor(session: Session) -> tuple[str, str] | None:
    """Create ``demo`` with a random password when no account exists; else None."""
    if count(session) > 0:
        return None
    password = secrets.token_urlsafe(12)
    add(session, "demo", password)
    return "demo", password


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(
    session: Session, user: StaffUser, longest: timedelta, now: datetime | None = None
) -> str:
    """Start a login of ``user``; return the token its cookie carries.

    Logins older than ``longest`` (the absolute timeout) are forgotten on the way.
    """
    now = now or utc_now()
    session.execute(delete(StaffSession).where(StaffSession.started_at < now - longest))
    token = secrets.token_urlsafe(32)
    session.add(
        StaffSession(token_hash=_token_hash(token), user_id=user.id, started_at=now)
    )
    session.commit()
    return token


def session_user(session: Session, token: str) -> StaffUser | None:
    """Return the active account of a login that has not ended, else None."""
    login = session.get(StaffSession, _token_hash(token)) if token else None
    user = session.get(StaffUser, login.user_id) if login is not None else None
    return user if user is not None and user.active else None


def close_session(session: Session, token: str) -> None:
    """End a login: its cookie, even a copy, no longer logs anyone in."""
    if token:
        session.execute(
            delete(StaffSession).where(StaffSession.token_hash == _token_hash(token))
        )
        session.commit()
