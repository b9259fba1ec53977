"""Retention: erase personal data after the retention period, once a day.

One purge covers requests, feedback comments and event sign-ups. With several
kiosk processes on one database, the daily purge runs once: a process takes a
database lock (PostgreSQL's advisory lock; SQLite's write lock), looks at the
day of the last purge, and only purges if no other process has done so today.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from kiosk import events, feedback, prison_settings, session_requests
from kiosk.clock import utc_now
from kiosk.models import DEFAULT_PRISON

LAST_PURGE_KEY = "last_purge"
ADVISORY_LOCK = 720_515  # any number; only the daily purge takes it


@dataclass(frozen=True)
class Purged:
    """How much personal data one purge erased."""

    requests: int
    comments: int
    signups: int


def purge_all(
    session: Session,
    retention_days: int,
    now: datetime | None = None,
    open_days: int | None = None,
):
    """Erase everything older than the retention period; return the counts.

    With ``open_days``, open requests untouched that long are closed and erased.
    """
    return Purged(
        session_requests.purge(session, retention_days, now, open_days=open_days),
        feedback.purge_comments(session, retention_days, now),
        events.purge(session, retention_days, now),
    )


def _lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})"))
    else:  # any write takes SQLite's one write lock until the transaction ends
        session.execute(
            text("UPDATE prisons SET slug = slug WHERE id = :id"),
            {"id": DEFAULT_PRISON},
        )


def purge_once_today(
    session: Session,
    retention_days: int,
    now: datetime | None = None,
    open_days: int | None = None,
) -> Purged | None:
    """Purge unless another process has purged today; return the counts or None."""
    moment = now or utc_now()
    today = moment.date().isoformat()
    _lock(session)
    last = prison_settings.get(session, DEFAULT_PRISON, LAST_PURGE_KEY)
    if last == today:
        session.rollback()
        return None
    prison_settings.put(session, DEFAULT_PRISON, LAST_PURGE_KEY, today)
    session.commit()
    return purge_all(session, retention_days, now, open_days)


def last_purge(session: Session) -> date | None:
    """Return the day of the last daily purge, if any."""
    last = prison_settings.get(session, DEFAULT_PRISON, LAST_PURGE_KEY)
    return date.fromisoformat(last) if last else None
