"""The audit trail: every change staff make, with UTC time, who, what, before, after."""

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.clock import utc_now
from kiosk.models import AuditEvent


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
    """Return the events of one request, oldest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.request_id == request_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return list(session.scalars(query))


def changes(event: AuditEvent) -> list[tuple[str, object, object]]:
    """Return ``(field, before, after)`` for each field the event touched."""
    before, after = json.loads(event.before), json.loads(event.after)
    fields = list(dict.fromkeys([*before, *after]))
    return [(field, before.get(field), after.get(field)) for field in fields]
