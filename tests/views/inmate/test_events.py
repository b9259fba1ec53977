"""Events at the kiosk and on the staff side."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import events
from tests.http_client import code_on_page
from tests.served import SERVED


@pytest.fixture
def event(db_session):
    return events.create(
        db_session,
        "anne",
        "employer-visit",
        {"nb": "Besøk fra byggefirma", "ar": "زيارة من شركة بناء"},
        datetime.now(UTC) + timedelta(days=5),
        "Skolen",
        1,
        [],
    )


@pytest.mark.parametrize("lang", SERVED)
def test_events_are_listed_in_every_language(client, event, lang):
    page = client.get(f"/{lang}/events").get_data(as_text=True)
    assert f'href="/{lang}/events/{event.id}"' in page


def test_sign_up_gives_a_code_and_the_status_page_knows_it(client, event):
    first = client.post(f"/ar/events/{event.id}", data={"name": "علي", "unit": "A"})
    assert first.status_code == 303
    assert first.headers["Location"] == "/ar/events/signed"  # no code in it
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    code = code_on_page(page)
    assert code and "زيارة من شركة بناء" in page and "علي" not in page
    second = client.post(f"/en/events/{event.id}", data={"name": "Ola", "unit": "A"})
    waiting = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "waiting list: 1" in waiting
    status = client.post("/en/status", data={"code": code}).get_data(as_text=True)
    assert "You have a place." in status and "Ola" not in status


def test_sign_up_errors_keep_what_was_typed(client, event):
    response = client.post(f"/en/events/{event.id}", data={"name": "Kari", "unit": ""})
    assert response.status_code == 422
    assert 'value="Kari"' in response.get_data(as_text=True)


def test_unknown_event_is_404(client):
    assert client.get("/en/events/999").status_code == 404
    assert client.get("/en/events/signed/ZZZZZZ").status_code == 404


def test_the_sign_up_page_belongs_to_the_visit_that_signed_up(app, client, event):
    """F1/F3: the code is in the session, not the address; a reset forgets it."""
    client.post(f"/en/events/{event.id}", data={"name": "Kari", "unit": "A"})
    code = code_on_page(client.get("/en/events/signed").get_data(as_text=True))
    assert code
    assert client.get(f"/en/events/signed/{code}").status_code == 404
    stranger = app.test_client().get("/en/events/signed")
    assert stranger.status_code == 303 and stranger.headers["Location"] == "/en/events"
    client.get("/reset")
    page = client.get("/en/events/signed", follow_redirects=True).get_data(True)
    assert code not in page


def test_one_sign_up_per_name_and_unit(client, event):
    """F16/F20: the same person again, even with invisible characters, is refused."""
    first = client.post(f"/en/events/{event.id}", data={"name": "Kari", "unit": "A"})
    assert first.status_code == 303
    again = client.post(
        f"/en/events/{event.id}", data={"name": "\u202ekari\u200b", "unit": "a"}
    )
    assert again.status_code == 422
    page = again.get_data(as_text=True)
    assert "You are on the list for this event already" in page
    # What was typed stays, without the characters nobody can see.
    assert 'value="kari"' in page
    assert "\u202e" not in page


def test_the_sign_up_form_at_the_limit_keeps_what_was_typed(settings, database, event):
    """F13: the event form at the limit keeps the name, with a fresh token."""
    from kiosk import create_kiosk_app
    from kiosk.throttling import limiter

    app = create_kiosk_app(
        {**settings, "WTF_CSRF_ENABLED": True, "REQUEST_LIMIT": "1/hour"}
    )
    limiter.reset()
    client = app.test_client()
    page = client.get(f"/en/events/{event.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    data = {"name": "Ola", "unit": "A", "csrf_token": token.group(1)}
    assert client.post(f"/en/events/{event.id}", data=data).status_code == 303
    limited = client.post(f"/en/events/{event.id}", data={**data, "name": "Per"})
    assert limited.status_code == 429
    page = limited.get_data(as_text=True)
    assert 'value="Per"' in page and 'name="csrf_token"' in page
    assert "What you typed is still here." in page
