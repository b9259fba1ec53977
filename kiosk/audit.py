"""The audit trail: every change staff make, with UTC time, who, what, before, after."""

import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.clock import utc_now
from kiosk.models import AuditEvent

READ = "read"  # a staff member opened a request: who and when, nothing changed
READ_QUIET_PERIOD = timedelta(minutes=15)


def record(
    session: Session,
    actor: str,
    action: str,
    *,
    request_id: int | None = None,
    prison_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Add one audit event to ``session`` (committed with the change it describes)."""
    event = AuditEvent(
        at=at or utc_now(),
        actor=actor,
        action=action,
        request_id=request_id,
        prison_id=prison_id,
        before=json.dumps(before or {}, ensure_ascii=False, default=str),
        after=json.dumps(after or {}, ensure_ascii=False, default=str),
    )
    session.add(event)
    return event


def events_for_request(session: Session, request_id: int) -> list[AuditEvent]:
    """Return the changes to one request, oldest first (reads are listed apart)."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.request_id == request_id)
        .where(AuditEvent.action != READ)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return list(session.scalars(query))


def reads_of_request(session: Session, request_id: int) -> list[AuditEvent]:
    """Return who opened one request and when, newest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.request_id == request_id)
        .where(AuditEvent.action == READ)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return list(session.scalars(query))


def record_read(
    session: Session, actor: str, request_id: int, at: datetime | None = None
) -> None:
    """Record that ``actor`` opened a request, at most once per quarter hour."""
    at = at or utc_now()
    recent = session.scalar(
        select(AuditEvent.id)
        .where(AuditEvent.request_id == request_id)
        .where(AuditEvent.action == READ)
        .where(AuditEvent.actor == actor)
        .where(AuditEvent.at > at - READ_QUIET_PERIOD)
        .limit(1)
    )
    if recent is None:
        record(session, actor, READ, request_id=request_id, at=at)
        session.commit()


def erase_values(session: Session, request_id: int, fields: tuple[str, ...]) -> None:
    """Blank the values of ``fields`` in every event of one request (the purge)."""
    for event in session.scalars(
        select(AuditEvent).where(AuditEvent.request_id == request_id)
    ):
        for column in ("before", "after"):
            values = json.loads(getattr(event, column))
            blanked = {k: None if k in fields else v for k, v in values.items()}
            if blanked != values:
                setattr(event, column, json.dumps(blanked, ensure_ascii=False))


def changes(event: AuditEvent) -> list[tuple[str, object, object]]:
    """Return ``(field, before, after)`` for each field the event touched."""
    before, after = json.loads(event.before), json.loads(event.after)
    fields = list(dict.fromkeys([*before, *after]))
    return [(field, before.get(field), after.get(field)) for field in fields]
