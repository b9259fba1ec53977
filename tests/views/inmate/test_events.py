"""Events at the kiosk and on the staff side."""

from datetime import UTC, datetime, timedelta

import pytest

from kiosk import events
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
    code = first.headers["Location"].rsplit("/", 1)[1]
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    assert code in page and "زيارة من شركة بناء" in page and "علي" not in page
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
