"""Anonymous feedback: how useful guidance was, what helped, what was missing."""

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.clock import utc_now
from kiosk.models import DEFAULT_PRISON, Feedback

RATINGS = (1, 2, 3, 4, 5)
HELPED = ("conversation", "library", "pages", "applications", "plan")
MISSING_MAX = 300


def submit(
    session,
    rating: int,
    helped,
    missing: str,
    language: str,
    now=None,
    prison_id: int = DEFAULT_PRISON,
):
    """Store one anonymous answer; nothing in it names or points to a person."""
    if rating not in RATINGS:
        raise ValueError("rating must be 1 to 5")
    entry = Feedback(
        prison_id=prison_id,
        created_at=now or utc_now(),
        rating=rating,
        helped=",".join(key for key in HELPED if key in set(helped)),
        missing=missing.strip()[:MISSING_MAX] or None,
        language=language,
    )
    session.add(entry)
    session.commit()
    return entry


def since(session: Session, start: datetime, prison_ids=None) -> list[Feedback]:
    """Return the feedback given from ``start`` on, newest first."""
    query = (
        select(Feedback)
        .where(Feedback.created_at >= start)
        .order_by(Feedback.created_at.desc(), Feedback.id.desc())
    )
    if prison_ids is not None:
        query = query.where(Feedback.prison_id.in_(prison_ids))
    return list(session.scalars(query))


def summary(entries: list[Feedback]) -> dict:
    """Return counts per rating and per "what helped", and the comments."""
    ratings = Counter(entry.rating for entry in entries)
    helped = Counter(key for entry in entries for key in entry.helped.split(",") if key)
    return {
        "total": len(entries),
        "ratings": {rating: ratings.get(rating, 0) for rating in RATINGS},
        "helped": {key: helped.get(key, 0) for key in HELPED},
        "comments": [entry for entry in entries if entry.missing],
    }


def purge_comments(session, retention_days: int, now: datetime | None = None) -> int:
    """Erase the free-text comments older than the retention period."""
    cutoff = (now or utc_now()) - timedelta(days=retention_days)
    result = session.execute(
        update(Feedback)
        .where(Feedback.created_at < cutoff)
        .where(Feedback.missing.is_not(None))
        .values(missing=None)
    )
    session.commit()
    return result.rowcount
