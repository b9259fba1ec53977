"""Events as plain Python: places in sign-up order, waiting list, units, attendance."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from kiosk import events, prisons, session_requests
from kiosk.events import EventError
from kiosk.models import DEFAULT_PRISON, Event, EventSignup

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


def test_participants_in_order_with_their_waiting_numbers(db_session):
    event = make(db_session, capacity=2)
    signups = [
        events.sign_up(db_session, event, f"P{i}", "A", now=NOW) for i in range(5)
    ]
    listed = events.participants(db_session, event)
    assert [signup.id for signup, _place in listed] == [s.id for s in signups]
    assert [place for _signup, place in listed] == [
        events.Place(True, None),
        events.Place(True, None),
        events.Place(False, 1),
        events.Place(False, 2),
        events.Place(False, 3),
    ]
    assert [events.place_of(db_session, s) for s in signups] == [
        place for _signup, place in listed
    ]


def test_purge_keeps_events_inside_the_retention_period(db_session):
    now = NOW + timedelta(days=100)
    old = make(db_session, days=1)
    on_the_cutoff = make(db_session, days=10)  # started exactly 90 days before now
    middle = make(db_session, days=50)
    gone = events.sign_up(db_session, old, "Gammel", "A", now=NOW)
    kept = [
        events.sign_up(db_session, event, "Kari", "B", now=NOW)
        for event in (on_the_cutoff, middle)
    ]
    assert events.purge(db_session, 90, now=now) == 1
    db_session.expire_all()
    assert gone.name is None and gone.erased_at == now
    assert [(s.name, s.erased_at) for s in kept] == [("Kari", None)] * 2


def test_a_refusal_says_its_reason(db_session):
    with pytest.raises(EventError) as caught:
        events.create(db_session, "anne", "party", {"nb": "Fest"}, NOW, "x", 3, [])
    assert str(caught.value) == caught.value.reason == "kind"


def test_all_events_newest_first_of_the_prisons_asked(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    first, last = make(db_session, days=1), make(db_session, days=30)
    middle = make(db_session, days=10)
    elsewhere = make(db_session, days=20)
    elsewhere.prison_id = bergen.id
    db_session.commit()
    assert events.all_events(db_session) == [last, elsewhere, middle, first]
    assert events.all_events(db_session, [DEFAULT_PRISON]) == [last, middle, first]
    assert events.all_events(db_session, [bergen.id]) == [elsewhere]


def test_held_counts_from_the_start_up_to_the_end_by_kind_and_prison(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    start, end = NOW + timedelta(days=1), NOW + timedelta(days=10)
    at_start = make(db_session, days=1)
    visit = make(db_session, days=5, kind="employer-visit")
    make(db_session, days=10)  # starts at the end: the next period's
    elsewhere = make(db_session, days=5)
    elsewhere.prison_id = bergen.id
    db_session.commit()

    def held(*args, **kwargs):
        return {event.id for event in events.held(db_session, *args, **kwargs)}

    assert held(start, end) == {at_start.id, visit.id, elsewhere.id}
    assert held(start, end, "employer-visit") == {visit.id}
    mine = [DEFAULT_PRISON]
    assert held(start, end, prison_ids=mine) == {at_start.id, visit.id}
    events.sign_up(db_session, elsewhere, "Ola", "A", now=NOW)
    assert events.attendance(db_session, start, end, [bergen.id]) == {
        "events": 1,
        "signups": 1,
        "attended": 0,
    }
    assert events.attendance(db_session, start, end, mine)["signups"] == 0


@pytest.mark.parametrize(
    ("titles", "chain", "expected"),
    [
        ({"nb": "Søke jobb", "en": "Applying"}, ["pl"], "Søke jobb"),
        ({"se": "Bargu", "en": "Applying"}, ["pl"], "Applying"),
        ({"se": "Bargu", "fi": "Työ"}, ["pl"], "Bargu"),
        ({}, ["nb"], ""),
        (None, ["nb"], ""),
    ],
)
def test_a_title_falls_back_to_nb_en_then_any(titles, chain, expected):
    event = Event(titles=None if titles is None else json.dumps(titles))
    assert events.title(event, chain) == expected


def test_an_event_needs_a_norwegian_title(db_session):
    with pytest.raises(EventError) as caught:
        events.create(db_session, "anne", "workshop", {"nb": "  "}, NOW, "x", 3, [])
    assert caught.value.reason == "title"


def test_upcoming_events_soonest_first_from_now(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    later = make(db_session, days=5)
    now_starting = make(db_session, days=0)
    same_time = make(db_session, days=5)
    make(db_session, days=-1)  # started yesterday
    elsewhere = make(db_session, days=2)
    elsewhere.prison_id = bergen.id
    db_session.commit()
    assert events.upcoming(db_session, NOW) == [
        now_starting,
        elsewhere,
        later,
        same_time,
    ]
    assert events.upcoming(db_session, NOW, [bergen.id]) == [elsewhere]


def test_sign_up_until_the_event_starts_with_the_unit_as_typed(db_session):
    event = make(db_session, units=["A"], days=0)
    signup = events.sign_up(db_session, event, " Ola ", " A ", now=NOW)
    assert (signup.name, signup.unit) == ("Ola", "A")


def test_a_person_signed_up_by_a_parallel_request_is_refused(db_session):
    """The check passed, but the same person got in before the commit."""
    event = make(db_session, capacity=5)

    def draw_while_another_signs_up():
        db_session.add(
            EventSignup(
                event_id=event.id,
                signup_code="PARALL",
                created_at=NOW,
                name="Ola",
                unit="A",
                person_key=events.person_key("Ola", "A"),
            )
        )
        db_session.commit()
        return "OWNCDE"

    with pytest.raises(EventError) as caught:
        events.sign_up(
            db_session, event, "Ola", "A", now=NOW, draw=draw_while_another_signs_up
        )
    assert caught.value.reason == "duplicate"
    assert events.counts(db_session, event) == (1, 0)


def test_a_code_taken_before_the_commit_is_drawn_again(db_session, monkeypatch):
    event = make(db_session, capacity=5)
    events.sign_up(db_session, event, "Kari", "A", now=NOW, draw=lambda: "RACEDC")
    # the check saw the code free; another sign-up took it before this commit
    monkeypatch.setattr(events, "code_taken", lambda session, code: False)
    codes = iter(["RACEDC", "SECOND"])
    signup = events.sign_up(db_session, event, "Ola", "A", now=NOW, draw=codes.__next__)
    assert signup.signup_code == "SECOND"


def test_sign_up_gives_up_after_twenty_taken_codes(db_session):
    event = make(db_session, capacity=5)
    events.sign_up(db_session, event, "Kari", "A", now=NOW, draw=lambda: "TAKENC")
    draws = []

    def draw():
        draws.append(1)
        return "TAKENC"

    with pytest.raises(RuntimeError, match="^could not draw a free sign-up code$"):
        events.sign_up(db_session, event, "Ola", "A", now=NOW, draw=draw)
    assert len(draws) == 20


def test_an_event_keeps_its_prison_units_and_at_least_one_place(db_session):
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel")
    event = events.create(
        db_session,
        "anne",
        "workshop",
        {"nb": "Verksted"},
        NOW,
        "Skolen",
        0,
        [" Avdeling A ", "", "Avdeling B"],
        prison_id=bergen.id,
    )
    db_session.expire_all()
    assert (event.prison_id, event.capacity) == (bergen.id, 1)
    assert event.unit_list == ["Avdeling A", "Avdeling B"]
