"""Events at the kiosk and on the staff side."""

from datetime import UTC, datetime, timedelta

import pytest

from kiosk import events
from tests.test_views_kiosk import SERVED


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


def test_staff_create_and_mark_attendance(staff, client):
    day = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%d")
    response = staff.post(
        "/events",
        data={
            "kind": "group-guidance",
            "title-nb": "CV-kurs",
            "title-en": "CV course",
            "day": day,
            "time": "10:00",
            "place": "Biblioteket",
            "capacity": "10",
            "units": "",
        },
    )
    assert response.status_code == 303
    location = response.headers["Location"]
    event_id = int(location.rsplit("/", 1)[1])
    client.post(f"/nb/events/{event_id}", data={"name": "Per", "unit": "B"})
    page = staff.get(location).get_data(as_text=True)
    assert "Per" in page
    signup_id = page.split('name="came" value="')[1].split('"')[0]
    assert (
        staff.post(f"{location}/attendance", data={"came": [signup_id]}).status_code
        == 303
    )
    assert "checked" in staff.get(location).get_data(as_text=True)


def test_staff_event_form_needs_a_norwegian_title(staff):
    response = staff.post(
        "/events",
        data={
            "kind": "workshop",
            "title-en": "Only English",
            "day": "2030-01-01",
            "time": "10:00",
            "place": "Rom",
            "capacity": "5",
        },
    )
    assert response.status_code == 422
    assert 'value="Only English"' in response.get_data(as_text=True)
