"""Events as plain Python: places in sign-up order, waiting list, units, attendance."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from kiosk import events, session_requests
from kiosk.events import EventError

NOW = datetime(2026, 11, 26, 9, tzinfo=UTC)


def make(db_session, capacity=2, units=(), kind="group-guidance", days=3):
    return events.create(
        db_session,
        "anne",
        kind,
        {"nb": "Søke jobb", "en": "Applying for jobs"},
        NOW + timedelta(days=days),
        "Skolen",
        capacity,
        list(units),
    )


def test_places_go_in_sign_up_order_then_the_waiting_list(db_session):
    event = make(db_session, capacity=2)
    signups = [
        events.sign_up(db_session, event, f"P{i}", "A", now=NOW) for i in range(4)
    ]
    places = [events.place_of(db_session, s) for s in signups]
    assert [p.has_place for p in places] == [True, True, False, False]
    assert [p.waiting_number for p in places] == [None, None, 1, 2]
    assert events.counts(db_session, event) == (2, 2)


def test_codes_are_unique_across_requests_and_sign_ups(db_session):
    """A code drawn twice is drawn again, whichever kind of thing holds it."""
    event = make(db_session, capacity=50)
    taken = events.sign_up(
        db_session, event, "S", "A", now=NOW, draw=iter(["AAAAAA"]).__next__
    )
    request = session_requests.submit(
        db_session,
        session_requests.NewRequest("R", "A", ["cv"], "nb", "nb"),
        draw=iter(["AAAAAA", "BBBBBB"]).__next__,
    )
    assert (taken.signup_code, request.request_code) == ("AAAAAA", "BBBBBB")
    again = events.sign_up(
        db_session, event, "T", "A", now=NOW, draw=iter(["BBBBBB", "CCCCCC"]).__next__
    )
    assert again.signup_code == "CCCCCC"
    assert events.find_by_code(db_session, "aaaaaa").id == taken.id


def test_units_and_start_are_enforced(db_session):
    event = make(db_session, units=["Avdeling A"])
    with pytest.raises(EventError) as caught:
        events.sign_up(db_session, event, "Ola", "Avdeling B", now=NOW)
    assert caught.value.reason == "unit"
    with pytest.raises(EventError) as caught:
        events.sign_up(
            db_session, event, "Ola", "Avdeling A", now=NOW + timedelta(days=9)
        )
    assert caught.value.reason == "started"


def test_title_falls_back_along_the_chain(db_session):
    event = make(db_session)
    assert events.title(event, ["pl", "en"]) == "Applying for jobs"
    assert events.title(event, ["nb"]) == "Søke jobb"
    with pytest.raises(EventError):
        events.create(
            db_session, "anne", "group-guidance", {"en": "x"}, NOW, "x", 3, []
        )


def test_attendance_and_statistics(db_session):
    event = make(db_session, capacity=2, days=1)
    signups = [
        events.sign_up(db_session, event, f"P{i}", "A", now=NOW) for i in range(3)
    ]
    events.mark_attendance(db_session, event, {signups[0].id, signups[2].id})
    assert [s.attended for s in signups] == [True, False, None]  # the waiting one: none
    figures = events.attendance(db_session, NOW, NOW + timedelta(days=5))
    assert figures == {"events": 1, "signups": 3, "attended": 1}


def test_purge_erases_names_of_old_events_only(db_session):
    old = make(db_session, days=1)
    new = make(db_session, days=200)
    kept = events.sign_up(db_session, new, "Ny", "A", now=NOW)
    gone = events.sign_up(db_session, old, "Gammel", "A", now=NOW)
    assert events.purge(db_session, 90, now=NOW + timedelta(days=100)) == 1
    db_session.expire_all()
    assert (gone.name, gone.unit) == (None, None) and kept.name == "Ny"


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("Kari Nordmann", "Avdeling A"),
        ("  KARI   nordmann ", "avdeling a"),
        ("Kari\u200b Nordmann", "Avdeling A"),  # zero-width space
        ("\u202eKari Nordmann\u202c", "Avdeling A"),  # bidi override
        ("\u2066Kari\u2069 Nordmann", "Avdeling\u200d A"),  # isolate, joiner
        ("Ｋａｒｉ Nordmann", "Avdeling A"),  # full-width letters
    ],
)
def test_one_sign_up_per_person_and_event(db_session, name, unit):
    """F16/F20: the same name and unit, however written, take one place only."""
    event = make(db_session, capacity=5)
    events.sign_up(db_session, event, "Kari Nordmann", "Avdeling A", now=NOW)
    with pytest.raises(EventError) as caught:
        events.sign_up(db_session, event, name, unit, now=NOW)
    assert caught.value.reason == "duplicate"
    assert events.counts(db_session, event) == (1, 0)
    other_event = make(db_session, capacity=5)
    assert events.sign_up(db_session, other_event, name, unit, now=NOW)


def test_the_unique_key_holds_when_the_check_is_raced(db_session):
    """Two sign-ups of one person at once: the database keeps one."""
    event = make(db_session, capacity=5)
    events.sign_up(db_session, event, "Ola", "A", now=NOW)
    from kiosk.models import EventSignup

    db_session.add(
        EventSignup(
            event_id=event.id,
            signup_code="ZZZZZZ",
            created_at=NOW,
            name="Ola",
            unit="A",
            person_key=events.person_key("ola", "a"),
        )
    )
    with pytest.raises(IntegrityError):
        db_session.commit()
    db_session.rollback()


def test_purge_erases_the_person_key_too(db_session):
    old = make(db_session, days=1)
    gone = events.sign_up(db_session, old, "Gammel", "A", now=NOW)
    events.purge(db_session, 90, now=NOW + timedelta(days=100))
    db_session.expire_all()
    assert gone.person_key is None
