"""Moving a single-prison SQLite install into the central database, as one prison."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk import (
    assessment,
    db,
    events,
    feedback,
    import_sqlite,
    prison_offer,
    prison_settings,
    prisons,
    session_requests,
)
from kiosk.models import (
    AssessmentAnswer,
    AuditEvent,
    Event,
    EventSignup,
    Feedback,
    SessionRequest,
)
from kiosk.session_requests import NewRequest


@pytest.fixture
def old_install(tmp_path):
    """A single-prison SQLite install with a bit of everything in it."""
    url = f"sqlite:///{tmp_path / 'old' / 'kiosk.sqlite3'}"
    db.migrate(url)
    with db.session_factory(url)() as session:
        first = session_requests.submit(
            session, NewRequest("Ola", "A", ["cv"], "nb", "nb")
        )
        session_requests.submit(session, NewRequest("Kari", "B", ["pay"], "pl", "pl"))
        session_requests.schedule(
            session, first, "anne", datetime.now(UTC) + timedelta(days=1), "Rom 2"
        )
        event = events.create(
            session,
            "anne",
            "workshop",
            {"nb": "CV-kurs"},
            datetime.now(UTC) + timedelta(days=3),
            "Skolen",
            1,
            [],
        )
        signups = [events.sign_up(session, event, n, "A") for n in ("Per", "Pål")]
        feedback.submit(session, 5, ["cv"], "Bra", "nb")
        done = assessment.create(session, "anne")
        session.add(
            AssessmentAnswer(assessment_id=done.id, question="groups", answer="yes")
        )
        prison_settings.save(session, ["A", "B"], "7/hour")
        offer = prison_offer.clean(prison_offer.Offer(groups=True), ["nb"])
        prison_offer.save(session, offer, 1)
        session.commit()
        codes = {
            "requests": sorted(
                session.scalars(select(SessionRequest.request_code)).all()
            ),
            "signups": [s.signup_code for s in signups],
        }
    db.engine_for(url).dispose()
    return tmp_path / "old" / "kiosk.sqlite3", codes


def test_every_row_arrives_with_its_codes(database, db_session, old_install):
    path, codes = old_install
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel").id
    moved = import_sqlite.import_file(path, database, bergen)
    assert moved.counts == {
        "requests": 2,
        "audit events": 1,
        "events": 1,
        "sign-ups": 2,
        "feedback": 1,
        "assessments": 1,
    }
    db_session.expire_all()
    requests = db_session.scalars(select(SessionRequest)).all()
    assert sorted(r.request_code for r in requests) == codes["requests"]
    assert {r.prison_id for r in requests} == {bergen}
    event = db_session.scalars(select(Event)).one()
    assert event.prison_id == bergen
    signups = db_session.scalars(select(EventSignup).order_by(EventSignup.id)).all()
    assert [s.signup_code for s in signups] == codes["signups"]
    assert [events.place_of(db_session, s).has_place for s in signups] == [True, False]
    trail = db_session.scalars(select(AuditEvent)).one()
    scheduled = next(r for r in requests if r.name == "Ola")
    assert trail.request_id == scheduled.id and scheduled.place == "Rom 2"
    assert db_session.scalars(select(Feedback)).one().prison_id == bergen
    assert prison_settings.units(db_session, bergen) == ["A", "B"]
    assert prison_settings.request_limit(db_session, "5/hour", bergen) == "7/hour"
    assert prison_offer.load(db_session, bergen).groups is True
    answer = db_session.scalars(select(AssessmentAnswer)).one()
    assert answer.answer == "yes"
    found = session_requests.find_by_code(db_session, codes["requests"][0], bergen)
    assert found is not None
    assert session_requests.find_by_code(db_session, codes["requests"][0], 1) is None


def test_the_old_file_is_left_as_it_was(database, db_session, old_install):
    path, _codes = old_install
    before = path.read_bytes()
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel").id
    import_sqlite.import_file(path, database, bergen)
    assert path.read_bytes() == before


def test_moving_twice_is_refused_before_anything_is_written(
    database, db_session, old_install
):
    path, _codes = old_install
    bergen = prisons.add(db_session, "bergen", "Bergen fengsel").id
    import_sqlite.import_file(path, database, bergen)
    with pytest.raises(import_sqlite.MoveError, match="codes already"):
        import_sqlite.import_file(path, database, bergen)
    assert len(db_session.scalars(select(SessionRequest)).all()) == 2
