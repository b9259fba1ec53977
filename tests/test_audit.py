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


def test_reads_are_kept_apart_and_at_most_once_a_quarter_hour(db_session):
    """F15: who opened a request, and when."""
    from datetime import timedelta

    from kiosk import session_requests

    stored = session_requests.submit(
        db_session, session_requests.NewRequest("Ola", "A", ["cv"], "nb", "nb")
    )
    at = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    audit.record_read(db_session, "anne", stored.id, at=at)
    audit.record_read(db_session, "anne", stored.id, at=at + timedelta(minutes=5))
    audit.record_read(db_session, "bob", stored.id, at=at + timedelta(minutes=6))
    audit.record_read(db_session, "anne", stored.id, at=at + timedelta(minutes=20))
    reads = audit.reads_of_request(db_session, stored.id)
    assert [(r.actor, r.at - at) for r in reads] == [
        ("anne", timedelta(minutes=20)),
        ("bob", timedelta(minutes=6)),
        ("anne", timedelta(0)),
    ]
    assert audit.events_for_request(db_session, stored.id) == []  # no change


def test_erase_values_blanks_only_the_named_fields(db_session):
    from kiosk import session_requests

    stored = session_requests.submit(
        db_session, session_requests.NewRequest("Ola", "A", ["cv"], "nb", "nb")
    )
    when = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    session_requests.schedule(db_session, stored, "anne", when, "Room of Zebra Canary")
    audit.erase_values(db_session, stored.id, ("place",))
    db_session.commit()
    (event,) = audit.events_for_request(db_session, stored.id)
    assert "Zebra" not in event.before + event.after
    assert ("status", "waiting", "scheduled") in audit.changes(event)
    assert ("place", None, None) in audit.changes(event)
