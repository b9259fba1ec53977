"""The audit trail records UTC time, who, what, before and after."""

from datetime import UTC, datetime

from sqlalchemy import select

from kiosk import audit
from kiosk.models import AuditEvent


def test_record_and_read_back(db_session):
    at = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    audit.record(
        db_session,
        "anne",
        "settings",
        before={"units": ["A"]},
        after={"units": ["A", "B"], "request_limit": "5/hour"},
        at=at,
    )
    db_session.commit()
    (event,) = db_session.scalars(select(AuditEvent)).all()
    assert event.at == at and event.actor == "anne"
    assert audit.changes(event) == [
        ("units", ["A"], ["A", "B"]),
        ("request_limit", None, "5/hour"),
    ]
