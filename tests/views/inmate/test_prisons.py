"""A kiosk listener serves one prison: its offer, units, events and codes only."""

from datetime import UTC, datetime, timedelta

import pytest

from kiosk import (
    create_kiosk_app,
    events,
    prison_offer,
    prison_settings,
    prisons,
    session_requests,
)
from kiosk.models import DEFAULT_PRISON, SessionRequest
from kiosk.session_requests import NewRequest


@pytest.fixture
def bravo_kiosk(settings, database, db_session):
    """The kiosk of a second prison, ``bravo``, beside the default one."""
    bravo = prisons.add(db_session, "bravo", "Bravo fengsel").id
    for prison_id, mark in ((DEFAULT_PRISON, "ALFA"), (bravo, "BRAVO")):
        prison_settings.save(db_session, [f"{mark} Unit"], "100/hour", prison_id)
        note = prison_offer.Offer(note=f"{mark} offer", note_language="nb")
        prison_offer.save(db_session, prison_offer.clean(note, ["nb"]), prison_id)
        events.create(
            db_session,
            "anne",
            "workshop",
            {"nb": f"{mark} workshop"},
            datetime.now(UTC) + timedelta(days=3),
            "Hall",
            5,
            [],
            prison_id,
        )
    db_session.commit()
    app = create_kiosk_app({**settings, "PRISON": "bravo"})
    return app.test_client(), bravo


def test_the_kiosk_shows_its_own_prison_only(bravo_kiosk):
    client, _bravo = bravo_kiosk
    home = client.get("/nb/").get_data(as_text=True)
    assert "BRAVO offer" in home and "ALFA offer" not in home
    form = client.get("/nb/request").get_data(as_text=True)
    assert "BRAVO Unit" in form and "ALFA Unit" not in form
    listed = client.get("/nb/events").get_data(as_text=True)
    assert "BRAVO workshop" in listed and "ALFA workshop" not in listed


def test_a_code_typed_at_one_prison_finds_nothing_of_another(bravo_kiosk, db_session):
    client, bravo = bravo_kiosk
    alfa_request = session_requests.submit(
        db_session, NewRequest("Ola", "ALFA Unit", ["cv"], "nb", "nb")
    )
    alfa_event = next(
        e for e in events.upcoming(db_session) if e.prison_id == DEFAULT_PRISON
    )
    alfa_signup = events.sign_up(db_session, alfa_event, "Kari", "U")
    for code in (alfa_request.request_code, alfa_signup.signup_code):
        response = client.post("/nb/status", data={"code": code})
        assert response.status_code == 404, code
    assert client.get(f"/nb/events/{alfa_event.id}").status_code == 404


def test_what_an_inmate_sends_belongs_to_the_kiosks_prison(bravo_kiosk, db_session):
    client, bravo = bravo_kiosk
    response = client.post(
        "/nb/request",
        data={
            "name": "Per",
            "unit": "BRAVO Unit",
            "topics": ["cv"],
            "session_format": "one-to-one",
            "conversation_language": "nb",
        },
    )
    assert response.status_code == 303
    stored = db_session.query(SessionRequest).filter_by(name="Per").one()
    assert stored.prison_id == bravo
    refused = client.post(
        "/nb/request",
        data={
            "name": "Per",
            "unit": "ALFA Unit",
            "topics": ["cv"],
            "session_format": "one-to-one",
            "conversation_language": "nb",
        },
    )
    assert refused.status_code == 422  # another prison's unit is not on the list
