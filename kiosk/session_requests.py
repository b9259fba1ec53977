"""Session requests: inmates ask for a conversation, counsellors work the queue."""

import csv
import io
import secrets
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk import audit
from kiosk.clock import utc_now
from kiosk.models import (
    DEFAULT_PRISON,
    AuditEvent,
    EventSignup,
    SessionRequest,
    UnitCount,
)

# No 0/O, no 1/I/L: a code read aloud or written by hand stays unambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
TOPICS = (
    "cv",
    "labour-market",
    "pay",
    "admission",
    "occupations",
    "paid-unpaid-work",
    "recruitment",
    "sectors",
    "other",
)
FORMATS = ("one-to-one", "group")
OPEN_STATUSES = ("waiting", "scheduled")
CLOSING_STATUSES = ("done", "no-show", "withdrawn")
STATUSES = OPEN_STATUSES + CLOSING_STATUSES
NAME_MAX, UNIT_MAX, MESSAGE_MAX, NOTES_MAX, PLACE_MAX = 100, 100, 500, 4000, 100
CSV_COLUMNS = (
    "request_code",
    "created_utc",
    "status",
    "name",
    "unit",
    "topics",
    "format",
    "conversation_language",
    "interpreter",
    "scheduled_utc",
    "place",
    "message",
)


class RequestError(ValueError):
    """A change to a request that is not allowed; ``reason`` is a short key."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class NewRequest:
    """What an inmate typed into the request form, already validated."""

    name: str
    unit: str
    topics: list[str]
    conversation_language: str
    page_language: str
    session_format: str = "one-to-one"
    interpreter: bool = False
    message: str = ""
    occupations: list[str] = field(default_factory=list)
    prison_id: int = DEFAULT_PRISON


@dataclass
class QueueFilter:
    """What the counsellor asks the queue to show."""

    status: str = "open"
    unit: str = ""
    language: str = ""
    topic: str = ""
    newest_first: bool = False
    prison_ids: tuple[int, ...] | None = None  # None: every prison


def has_control_characters(text: str, allow_newlines: bool = False) -> bool:
    """Tell whether ``text`` holds control characters (newlines only if allowed)."""
    allowed = "\n\r\t" if allow_newlines else ""
    return any(
        unicodedata.category(char) == "Cc" and char not in allowed for char in text
    )


def name_key(name: str) -> str:
    """Return ``name`` folded for comparison: compatibility form, case, spacing.

    Invisible format characters (bidi marks and overrides, zero-width spaces and
    joiners) are dropped, so they cannot make one name look like two.
    """
    visible = "".join(c for c in name if unicodedata.category(c) != "Cf")
    return " ".join(unicodedata.normalize("NFKC", visible).casefold().split())


def new_code() -> str:
    """Return a random request code from the unambiguous alphabet."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def clean_code(typed: str) -> str:
    """Return a typed code in stored form: no spaces or dashes, capitals."""
    return "".join(char for char in typed.upper() if char.isalnum())[:16]


def code_taken(session: Session, code: str) -> bool:
    """Tell whether a request or an event sign-up has ``code`` already."""
    in_requests = select(exists().where(SessionRequest.request_code == code))
    in_signups = select(exists().where(EventSignup.signup_code == code))
    return bool(session.scalar(in_requests) or session.scalar(in_signups))


def submit(
    session: Session, new: NewRequest, now: datetime | None = None, draw=new_code
):
    """Store a request durably and return it with its new, unique code.

    A code is unique across requests and event sign-ups, so the status page
    finds one thing for it; ``draw`` gives candidate codes.
    """
    for _attempt in range(20):
        code = draw()
        if code_taken(session, code):
            continue
        request = SessionRequest(
            prison_id=new.prison_id,
            request_code=code,
            created_at=now or utc_now(),
            status="waiting",
            name=unicodedata.normalize("NFC", new.name.strip()),
            name_key=name_key(new.name),
            unit=new.unit.strip(),
            topics="," + ",".join(new.topics) + ",",
            session_format=new.session_format,
            conversation_language=new.conversation_language,
            page_language=new.page_language,
            interpreter=new.interpreter,
            message=new.message.strip() or None,
            occupations=",".join(new.occupations[:5]),
        )
        session.add(request)
        try:
            session.commit()
        except IntegrityError:  # the code was taken a moment ago: draw again
            session.rollback()
            continue
        return request
    raise RuntimeError("could not draw a free request code")


def find_by_code(
    session: Session, typed_code: str, prison_id: int | None = None
) -> SessionRequest | None:
    """Return the request with this code (of ``prison_id`` only, if given), or None."""
    code = clean_code(typed_code)
    if len(code) != CODE_LENGTH:
        return None
    query = select(SessionRequest).where(SessionRequest.request_code == code)
    if prison_id is not None:
        query = query.where(SessionRequest.prison_id == prison_id)
    return session.scalars(query).first()


def in_prisons(query, column, prison_ids):
    """Return ``query`` limited to ``prison_ids`` (None: every prison)."""
    return query if prison_ids is None else query.where(column.in_(prison_ids))


def queue_position(session: Session, request: SessionRequest) -> int | None:
    """Return the place of a waiting request in the queue (1 is next), else None."""
    if request.status != "waiting":
        return None
    ahead = session.scalar(
        select(func.count())
        .select_from(SessionRequest)
        .where(SessionRequest.status == "waiting")
        .where(SessionRequest.prison_id == request.prison_id)
        .where(SessionRequest.created_at < request.created_at)
    )
    return (ahead or 0) + 1


def status_for_inmate(request: SessionRequest) -> str:
    """Return the status an inmate may see: a no-show reads as plainly closed."""
    return "closed" if request.status == "no-show" else request.status


def list_queue(session: Session, wanted: QueueFilter) -> list[SessionRequest]:
    """Return the requests that match the filter, oldest first unless asked."""
    query = in_prisons(
        select(SessionRequest), SessionRequest.prison_id, wanted.prison_ids
    )
    if wanted.status == "open":
        query = query.where(SessionRequest.status.in_(OPEN_STATUSES))
    elif wanted.status in STATUSES:
        query = query.where(SessionRequest.status == wanted.status)
    if wanted.unit:
        query = query.where(SessionRequest.unit == wanted.unit)
    if wanted.language:
        query = query.where(SessionRequest.conversation_language == wanted.language)
    if wanted.topic in TOPICS:
        query = query.where(SessionRequest.topics.contains(f",{wanted.topic},"))
    created = SessionRequest.created_at
    order = created.desc() if wanted.newest_first else created.asc()
    return list(session.scalars(query.order_by(order, SessionRequest.id)))


def likely_duplicates(session: Session, prison_ids=None) -> set[int]:
    """Return ids of open requests that share name and unit with another open one."""
    key = (SessionRequest.prison_id, SessionRequest.name_key, SessionRequest.unit)
    pairs = (
        select(*key)
        .where(SessionRequest.status.in_(OPEN_STATUSES))
        .group_by(*key)
        .having(func.count() > 1)
    ).subquery()
    query = (
        select(SessionRequest.id)
        .join(
            pairs,
            (SessionRequest.prison_id == pairs.c.prison_id)
            & (SessionRequest.name_key == pairs.c.name_key)
            & (SessionRequest.unit == pairs.c.unit),
        )
        .where(SessionRequest.status.in_(OPEN_STATUSES))
    )
    return set(session.scalars(in_prisons(query, SessionRequest.prison_id, prison_ids)))


def units_in_use(session: Session, prison_ids=None) -> list[str]:
    """Return the units named by requests that still have personal data."""
    query = select(SessionRequest.unit).where(SessionRequest.unit.is_not(None))
    query = in_prisons(query, SessionRequest.prison_id, prison_ids)
    return sorted(set(session.scalars(query.distinct())))


def _snapshot(request: SessionRequest, *fields: str) -> dict:
    return {name: getattr(request, name) for name in fields}


@contextmanager
def _audited(
    session: Session, request: SessionRequest, actor: str, action: str, *fields
):
    """Record ``fields`` before and after the change made inside, then commit."""
    before = _snapshot(request, *fields)
    yield
    after = _snapshot(request, *fields)
    audit.record(
        session,
        actor,
        action,
        request_id=request.id,
        prison_id=request.prison_id,
        before=before,
        after=after,
    )
    session.commit()


def schedule(session, request, actor: str, when: datetime, place: str) -> None:
    """Give a request a time and place; the inmate then sees them by code."""
    if request.status in CLOSING_STATUSES:
        raise RequestError("closed")
    fields = ("status", "scheduled_at", "place")
    with _audited(session, request, actor, "schedule", *fields):
        request.status, request.scheduled_at = "scheduled", when
        request.place = place.strip()
        request.first_scheduled_at = request.first_scheduled_at or utc_now()


def set_notes(session, request, actor: str, notes: str) -> None:
    """Replace the internal notes; the trail records that they changed, not the text."""
    if request.erased_at is not None:
        raise RequestError("erased")
    if (request.notes or "") == notes.strip():
        return
    audit.record(
        session,
        actor,
        "notes",
        request_id=request.id,
        prison_id=request.prison_id,
        before={"notes": f"{len(request.notes or '')} characters"},
        after={"notes": f"{len(notes.strip())} characters"},
    )
    request.notes = notes.strip() or None
    session.commit()


def close(session, request, actor: str, outcome: str) -> None:
    """Close a request as done, no-show or withdrawn."""
    if outcome not in CLOSING_STATUSES:
        raise RequestError("unknown-outcome")
    if request.status in CLOSING_STATUSES:
        raise RequestError("closed")
    with _audited(session, request, actor, "close", "status"):
        request.status, request.closed_at = outcome, utc_now()


def reopen(session, request, actor: str) -> None:
    """Open a closed request again, as scheduled if it has a time, else waiting."""
    if request.status not in CLOSING_STATUSES:
        raise RequestError("open")
    if request.erased_at is not None:
        raise RequestError("erased")
    with _audited(session, request, actor, "reopen", "status"):
        request.status = "scheduled" if request.scheduled_at else "waiting"
        request.closed_at = None


def scheduled_between(session, start: datetime, end: datetime, prison_ids=None):
    """Return the scheduled requests from ``start`` up to ``end``, by time."""
    query = (
        select(SessionRequest)
        .where(SessionRequest.status == "scheduled")
        .where(SessionRequest.scheduled_at >= start)
        .where(SessionRequest.scheduled_at < end)
        .order_by(SessionRequest.scheduled_at, SessionRequest.place)
    )
    return list(
        session.scalars(in_prisons(query, SessionRequest.prison_id, prison_ids))
    )


def iso_week(moment: datetime) -> str:
    """Return the ISO week of ``moment``, such as ``2026-W48``."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


PERSONAL_FIELDS = ("name", "name_key", "unit", "message", "notes", "place")
PURGE_ACTOR = "purge"


def purge(
    session: Session,
    retention_days: int,
    now: datetime | None = None,
    open_days: int | None = None,
) -> int:
    """Erase personal fields of requests closed over ``retention_days`` ago.

    With ``open_days``, open requests nobody has touched for that many days (the
    inmate was moved or released) are closed as withdrawn and erased too.
    """
    now = now or utc_now()
    abandoned = _close_abandoned(session, now, open_days) if open_days else []
    query = (
        select(SessionRequest)
        .where(SessionRequest.closed_at < now - timedelta(days=retention_days))
        .where(SessionRequest.erased_at.is_(None))
    )
    old = list(session.scalars(query))
    for request in [*abandoned, *old]:
        week = iso_week(request.created_at)
        _count_unit(session, request.prison_id, week, request.unit or "")
        for name in PERSONAL_FIELDS:
            setattr(request, name, None)
        audit.erase_values(session, request.id, PERSONAL_FIELDS)
        request.erased_at = now
    session.commit()
    return len(abandoned) + len(old)


def _close_abandoned(session: Session, now: datetime, open_days: int) -> list:
    """Close open requests nobody touched for ``open_days``; return them."""
    cutoff = now - timedelta(days=open_days)
    last_change = (
        select(func.max(AuditEvent.at))
        .where(AuditEvent.request_id == SessionRequest.id)
        .where(AuditEvent.action != audit.READ)
        .scalar_subquery()
    )
    query = (
        select(SessionRequest)
        .where(SessionRequest.status.in_(OPEN_STATUSES))
        .where(SessionRequest.created_at < cutoff)
        .where(or_(last_change.is_(None), last_change < cutoff))
        .where(
            or_(
                SessionRequest.scheduled_at.is_(None),
                SessionRequest.scheduled_at < cutoff,
            )
        )
    )
    abandoned = list(session.scalars(query))
    for request in abandoned:
        audit.record(
            session,
            PURGE_ACTOR,
            "close",
            request_id=request.id,
            prison_id=request.prison_id,
            before={"status": request.status},
            after={"status": "withdrawn"},
            at=now,
        )
        request.status, request.closed_at = "withdrawn", now
    return abandoned


def _count_unit(session: Session, prison_id: int, week: str, unit: str) -> None:
    row = session.get(UnitCount, (prison_id, week, unit))
    if row is None:
        row = UnitCount(prison_id=prison_id, week=week, unit=unit, requests=0)
        session.add(row)
    row.requests += 1


def waiting_time(request: SessionRequest, now: datetime | None = None) -> timedelta:
    """Return how long the request has waited (until closed, if it is)."""
    return (request.closed_at or now or utc_now()) - request.created_at


# A cell that starts with one of these is a formula to Excel or LibreOffice.
FORMULA_STARTS = frozenset("=+-@|%\uff1d\uff0b\uff0d\uff20")
# A spreadsheet may split a cell at any of these: a comma, or a semicolon (the
# list separator of Norwegian Excel), a tab, or a line break inside the cell.
CELL_BREAKS = frozenset(",;\t\r\n")


def _starts_formula(text: str, start: int) -> bool:
    """Tell whether a cell beginning at ``start`` would start with a formula."""
    for char in text[start:]:
        if char.isspace() or char == '"':  # skipped by some spreadsheets
            continue
        return char in FORMULA_STARTS
    return False


def spreadsheet_safe(value) -> str:
    """Return a CSV cell that no spreadsheet will run as a formula.

    Wherever a spreadsheet might begin a cell (at the start, after a comma,
    semicolon, tab or line break), a formula sign gets a ``'`` in front, so the
    file is safe whichever separator the program splits it by.
    """
    text = "" if value is None else str(value)
    pieces, start = [], 0
    for index in [0, *(i + 1 for i, c in enumerate(text) if c in CELL_BREAKS)]:
        if _starts_formula(text, index):
            pieces.append(text[start:index])
            pieces.append("'")
            start = index
    pieces.append(text[start:])
    return "".join(pieces)


def export_csv(requests: Iterable[SessionRequest], prison_names=None) -> str:
    """Return the requests as CSV, every cell safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(("prison", *CSV_COLUMNS))
    names = prison_names or {}
    for request in requests:
        row = (
            names.get(request.prison_id, request.prison_id),
            request.request_code,
            request.created_at.isoformat(timespec="seconds"),
            request.status,
            request.name,
            request.unit,
            " ".join(request.topic_list),
            request.session_format,
            request.conversation_language,
            "yes" if request.interpreter else "no",
            request.scheduled_at.isoformat(timespec="minutes")
            if request.scheduled_at
            else "",
            request.place,
            request.message,
        )
        writer.writerow([spreadsheet_safe(value) for value in row])
    return buffer.getvalue()
