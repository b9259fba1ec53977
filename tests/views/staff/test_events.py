"""Events on the staff side: create, who comes, attendance."""

from datetime import UTC, datetime, timedelta


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


def test_titles_with_control_characters_are_refused(staff, db_session):
    """F20: an escape character in a title reached the kiosk's pages."""
    from sqlalchemy import func, select

    from kiosk.models import Event

    day = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%d")
    response = staff.post(
        "/events",
        data={
            "kind": "workshop",
            "title-nb": "Verksted\x1b[31m",
            "day": day,
            "time": "10:00",
            "place": "Biblioteket",
            "capacity": "10",
        },
    )
    assert response.status_code == 422
    assert "Noen tegn kan ikke brukes" in response.get_data(as_text=True)
    assert db_session.scalar(select(func.count()).select_from(Event)) == 0


def test_attendance_ignores_digits_that_are_not_numbers(staff, client):
    """F8: "²" passed isdigit() and made int() fail: a 500."""
    day = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%d")
    location = staff.post(
        "/events",
        data={
            "kind": "workshop",
            "title-nb": "Verksted",
            "day": day,
            "time": "10:00",
            "place": "Rom 1",
            "capacity": "5",
        },
    ).headers["Location"]
    response = staff.post(f"{location}/attendance", data={"came": ["²", "1" * 30]})
    assert response.status_code == 303
