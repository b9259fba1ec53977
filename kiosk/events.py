"""Group sessions and employer visits: places in the order people signed up.

A sign-up's place is not stored: the first ``capacity`` sign-ups of an event (by
id, the order the database gave them) have a place and the rest wait in order.
So parallel sign-ups can never overfill an event, and nothing has to move when
someone is added.
"""

import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.clock import utc_now
from kiosk.models import DEFAULT_PRISON, Event, EventSignup
from kiosk.session_requests import (
    CODE_LENGTH,
    clean_code,
    code_taken,
    in_prisons,
    name_key,
    new_code,
)

KINDS = ("group-guidance", "employer-visit", "career-fair", "workshop")


class EventError(ValueError):
    """A sign-up that cannot be made; ``reason`` is a short key."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Place:
    """Where a sign-up stands: a place, or a number on the waiting list."""

    has_place: bool
    waiting_number: int | None


def title(event: Event, chain: list[str]) -> str:
    """Return the event's title in the first language of ``chain`` that has one."""
    titles = json.loads(event.titles or "{}")
    for lang in [*chain, "nb", "en"]:
        if titles.get(lang):
            return titles[lang]
    return next(iter(titles.values()), "")


def create(
    session,
    actor,
    kind,
    titles,
    starts_at,
    place,
    capacity,
    units,
    prison_id: int = DEFAULT_PRISON,
) -> Event:
    """Create an event; ``titles`` maps language codes to titles (nb required)."""
    if kind not in KINDS:
        raise EventError("kind")
    if not titles.get("nb", "").strip():
        raise EventError("title")
    event = Event(
        prison_id=prison_id,
        kind=kind,
        titles=json.dumps(
            {lang: text.strip() for lang, text in titles.items() if text.strip()},
            ensure_ascii=False,
        ),
        starts_at=starts_at,
        place=place.strip(),
        capacity=max(1, int(capacity)),
        units="\n".join(unit.strip() for unit in units if unit.strip()),
        created_at=utc_now(),
        created_by=actor,
    )
    session.add(event)
    session.commit()
    return event


def upcoming(
    session: Session, now: datetime | None = None, prison_ids=None
) -> list[Event]:
    """Return the events that have not started yet, soonest first."""
    query = (
        select(Event)
        .where(Event.starts_at >= (now or utc_now()))
        .order_by(Event.starts_at, Event.id)
    )
    return list(session.scalars(in_prisons(query, Event.prison_id, prison_ids)))


def all_events(session: Session, prison_ids=None) -> list[Event]:
    """Return every event, newest first."""
    query = select(Event).order_by(Event.starts_at.desc())
    return list(session.scalars(in_prisons(query, Event.prison_id, prison_ids)))


def person_key(name: str, unit: str) -> str:
    """Return name and unit folded into one key: the same person, the same key."""
    return f"{name_key(name)}\x1f{name_key(unit)}"


def _signed_up(session: Session, event: Event, key: str) -> bool:
    return bool(
        session.scalar(
            select(
                exists()
                .where(EventSignup.event_id == event.id)
                .where(EventSignup.person_key == key)
            )
        )
    )


def sign_up(
    session, event: Event, name: str, unit: str, now=None, draw=new_code
) -> EventSignup:
    """Sign someone up once; refuse if started, the unit may not join, or twice."""
    if event.starts_at < (now or utc_now()):
        raise EventError("started")
    if event.unit_list and unit.strip() not in event.unit_list:
        raise EventError("unit")
    key = person_key(name, unit)
    if _signed_up(session, event, key):
        raise EventError("duplicate")
    for _attempt in range(20):
        code = draw()
        if code_taken(session, code):
            continue
        signup = EventSignup(
            event_id=event.id,
            signup_code=code,
            created_at=now or utc_now(),
            name=unicodedata.normalize("NFC", name.strip()),
            unit=unit.strip(),
            person_key=key,
        )
        session.add(signup)
        try:
            session.commit()
        except IntegrityError:  # the code was taken, or the same person just now
            session.rollback()
            if _signed_up(session, event, key):
                raise EventError("duplicate") from None
            continue
        return signup
    raise RuntimeError("could not draw a free sign-up code")


def find_by_code(
    session: Session, typed: str, prison_id: int | None = None
) -> EventSignup | None:
    """Return the sign-up with this code (of ``prison_id`` only, if given), or None."""
    code = clean_code(typed)
    if len(code) != CODE_LENGTH:
        return None
    query = select(EventSignup).where(EventSignup.signup_code == code)
    if prison_id is not None:
        query = query.join(Event, Event.id == EventSignup.event_id).where(
            Event.prison_id == prison_id
        )
    return session.scalars(query).first()


def place_of(session: Session, signup: EventSignup) -> Place:
    """Return whether the sign-up has a place, or its number on the waiting list."""
    event = session.get(Event, signup.event_id)
    ahead = session.scalar(
        select(func.count())
        .select_from(EventSignup)
        .where(EventSignup.event_id == signup.event_id)
        .where(EventSignup.id < signup.id)
    )
    if ahead < event.capacity:
        return Place(True, None)
    return Place(False, ahead - event.capacity + 1)


def participants(session: Session, event: Event) -> list[tuple[EventSignup, Place]]:
    """Return the sign-ups of an event in order, each with its place."""
    signups = session.scalars(
        select(EventSignup)
        .where(EventSignup.event_id == event.id)
        .order_by(EventSignup.id)
    ).all()
    return [
        (
            s,
            Place(
                i < event.capacity,
                None if i < event.capacity else i - event.capacity + 1,
            ),
        )
        for i, s in enumerate(signups)
    ]


def counts(session: Session, event: Event) -> tuple[int, int]:
    """Return (places taken, people waiting)."""
    total = session.scalar(
        select(func.count())
        .select_from(EventSignup)
        .where(EventSignup.event_id == event.id)
    )
    return min(total, event.capacity), max(0, total - event.capacity)


def mark_attendance(session, event: Event, attended_ids: set[int]) -> None:
    """Record who came; everyone with a place who is not listed did not come."""
    for signup, place in participants(session, event):
        if place.has_place:
            signup.attended = signup.id in attended_ids
    session.commit()


def held(
    session: Session,
    start: datetime,
    end: datetime,
    kind: str | None = None,
    prison_ids=None,
):
    """Return the events that started between ``start`` and ``end``."""
    query = select(Event).where(Event.starts_at >= start).where(Event.starts_at < end)
    if kind:
        query = query.where(Event.kind == kind)
    return list(session.scalars(in_prisons(query, Event.prison_id, prison_ids)))


def attendance(
    session: Session, start: datetime, end: datetime, prison_ids=None
) -> dict[str, int]:
    """Return events, sign-ups and attendance between ``start`` and ``end``."""
    events = held(session, start, end, prison_ids=prison_ids)
    ids = [event.id for event in events]
    signups = list(
        session.scalars(select(EventSignup).where(EventSignup.event_id.in_(ids)))
    )
    return {
        "events": len(events),
        "signups": len(signups),
        "attended": sum(1 for s in signups if s.attended),
    }


def purge(session, retention_days: int, now: datetime | None = None) -> int:
    """Erase names and units of sign-ups to events older than the retention period."""
    cutoff = (now or utc_now()) - timedelta(days=retention_days)
    old = session.scalars(
        select(EventSignup)
        .join(Event, Event.id == EventSignup.event_id)
        .where(Event.starts_at < cutoff)
        .where(EventSignup.erased_at.is_(None))
    ).all()
    for signup in old:
        signup.name = signup.unit = signup.person_key = None
        signup.erased_at = now or utc_now()
    session.commit()
    return len(old)
