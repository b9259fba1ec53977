"""Feedback at the kiosk (anonymous, throttled) and for staff (distributions)."""

import pytest

from kiosk import create_kiosk_app
from kiosk.throttling import limiter
from tests.served import SERVED


@pytest.mark.parametrize("lang", SERVED)
def test_form_in_every_language(client, lang):
    response = client.get(f"/{lang}/feedback")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count('type="radio" name="rating"') == 5
    assert 'name="name"' not in page and 'name="code"' not in page


def test_feedback_is_stored_and_thanked(client, staff):
    response = client.post(
        "/nb/feedback",
        data={"rating": "5", "helped": ["library"], "missing": "Mer om NAV"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/nb/feedback/thanks"
    assert client.get("/nb/feedback/thanks").status_code == 200
    page = staff.get("/feedback").get_data(as_text=True)
    assert "Mer om NAV" in page and '<svg class="chart"' in page


def test_a_missing_rating_keeps_what_was_typed(client):
    response = client.post("/en/feedback", data={"missing": "More time"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Please choose one of the faces." in page
    assert "More time</textarea>" in page


def test_feedback_is_throttled_per_terminal(settings, database):
    app = create_kiosk_app({**settings, "FEEDBACK_LIMIT": "2/hour"})
    limiter.reset()
    client = app.test_client()
    codes = [
        client.post("/en/feedback", data={"rating": "4"}).status_code for _ in range(3)
    ]
    assert codes == [303, 303, 429]
