"""Move a single-prison SQLite install into a central database, as one prison.

The old file is copied and the copy brought to the newest schema first, so any
version of the kiosk can be moved; the old file itself is never changed. Every
row then arrives in the central database under the chosen prison, in one
transaction: requests with their audit trail, events with their sign-ups,
feedback, assessments with their answers, the anonymous unit counts and the
prison's settings. Request and sign-up codes stay exactly as they were.
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from kiosk import db
from kiosk.models import (
    DEFAULT_PRISON,
    Assessment,
    AssessmentAnswer,
    AuditEvent,
    Event,
    EventSignup,
    Feedback,
    Prison,
    SessionRequest,
    Setting,
    UnitCount,
)


class MoveError(ValueError):
    """The old database cannot be moved as it is, with the reason."""


@dataclass
class Moved:
    """What arrived, by kind."""

    counts: dict[str, int] = field(default_factory=dict)


def _copy_of(row, **changes):
    """Return a new, unsaved row with the same columns as ``row``, some changed."""
    columns = {
        column.key: getattr(row, column.key)
        for column in inspect(type(row)).mapper.column_attrs
    }
    columns.update(changes)
    return type(row)(**columns)


def _codes_taken(target: Session, old: Session) -> list[str]:
    codes = list(old.scalars(select(SessionRequest.request_code)))
    codes += list(old.scalars(select(EventSignup.signup_code)))
    taken = set(
        target.scalars(
            select(SessionRequest.request_code).where(
                SessionRequest.request_code.in_(codes)
            )
        )
    ) | set(
        target.scalars(
            select(EventSignup.signup_code).where(EventSignup.signup_code.in_(codes))
        )
    )
    return sorted(taken)


def move(old: Session, target: Session, prison_id: int) -> Moved:
    """Copy every row of ``old`` (one prison) into ``target`` as ``prison_id``."""
    if len(old.scalars(select(Prison)).all()) != 1:
        raise MoveError("the old database serves several prisons: move one install")
    taken = _codes_taken(target, old)
    if taken:
        raise MoveError(f"codes already in the central database: {taken[:5]}")
    moved = Moved()
    request_ids = _requests(old, target, prison_id, moved)
    _audit(old, target, prison_id, request_ids, moved)
    _events(old, target, prison_id, moved)
    for row in old.scalars(select(Feedback)):
        target.add(_copy_of(row, id=None, prison_id=prison_id))
        moved.counts["feedback"] = moved.counts.get("feedback", 0) + 1
    _assessments(old, target, prison_id, moved)
    _unit_counts(old, target, prison_id)
    _settings(old, target, prison_id)
    target.commit()
    return moved


def _requests(old, target, prison_id, moved) -> dict[int, int]:
    ids = {}
    for row in old.scalars(select(SessionRequest).order_by(SessionRequest.id)):
        copy = _copy_of(row, id=None, prison_id=prison_id)
        target.add(copy)
        target.flush()
        ids[row.id] = copy.id
    moved.counts["requests"] = len(ids)
    return ids


def _audit(old, target, prison_id, request_ids, moved) -> None:
    count = 0
    for row in old.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        request_id = request_ids.get(row.request_id) if row.request_id else None
        target.add(_copy_of(row, id=None, prison_id=prison_id, request_id=request_id))
        count += 1
    moved.counts["audit events"] = count


def _events(old, target, prison_id, moved) -> None:
    events = signups = 0
    for event in old.scalars(select(Event).order_by(Event.id)):
        copy = _copy_of(event, id=None, prison_id=prison_id)
        target.add(copy)
        target.flush()
        events += 1
        query = select(EventSignup).where(EventSignup.event_id == event.id)
        for signup in old.scalars(query.order_by(EventSignup.id)):
            target.add(_copy_of(signup, id=None, event_id=copy.id))
            signups += 1
        target.flush()  # sign-up order decides places: keep it
    moved.counts["events"], moved.counts["sign-ups"] = events, signups


def _assessments(old, target, prison_id, moved) -> None:
    count = 0
    for row in old.scalars(select(Assessment).order_by(Assessment.id)):
        copy = _copy_of(row, id=None, prison_id=prison_id)
        target.add(copy)
        target.flush()
        query = select(AssessmentAnswer).where(AssessmentAnswer.assessment_id == row.id)
        for answer in old.scalars(query):
            target.add(_copy_of(answer, assessment_id=copy.id))
        count += 1
    moved.counts["assessments"] = count


def _unit_counts(old, target, prison_id) -> None:
    for row in old.scalars(select(UnitCount)):
        kept = target.get(UnitCount, (prison_id, row.week, row.unit))
        if kept is None:
            target.add(_copy_of(row, prison_id=prison_id))
        else:
            kept.requests += row.requests


def _settings(old, target, prison_id) -> None:
    for row in old.scalars(select(Setting).where(Setting.prison_id == DEFAULT_PRISON)):
        kept = target.get(Setting, (prison_id, row.key))
        if kept is None:
            target.add(_copy_of(row, prison_id=prison_id))
        else:
            kept.value = row.value


def import_file(path: Path, target_url: str, prison_id: int) -> Moved:
    """Move the SQLite database at ``path`` into ``target_url`` as ``prison_id``."""
    if not path.exists():
        raise MoveError(f"no such file: {path}")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "old.sqlite3"
        shutil.copy2(path, copy)
        for suffix in ("-wal", "-shm"):
            if Path(f"{path}{suffix}").exists():
                shutil.copy2(f"{path}{suffix}", f"{copy}{suffix}")
        old_url = f"sqlite:///{copy}"
        db.migrate(old_url)
        try:
            with (
                db.session_factory(old_url)() as old,
                db.session_factory(target_url)() as target,
            ):
                return move(old, target, prison_id)
        finally:
            db.engine_for(old_url).dispose()
