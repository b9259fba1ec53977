"""Asking for a conversation at the kiosk, and checking its status by code."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk import create_kiosk_app, prison_settings, session_requests
from kiosk.models import SessionRequest

LANGS = ["nb", "en", "ar"]
VALID = {
    "name": "Ola Nordmann",
    "unit": "Avdeling A",
    "topics": ["cv", "pay"],
    "session_format": "one-to-one",
    "conversation_language": "nb",
    "message": "Jeg vil snakke om fagbrev.",
}


def count_requests(db_session) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count()).select_from(SessionRequest))


def submit(client, lang="nb", **changes):
    return client.post(f"/{lang}/request", data={**VALID, **changes})


@pytest.mark.parametrize("lang", LANGS)
def test_form_is_private_and_in_the_reader_language(client, lang):
    response = client.get(f"/{lang}/request")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in page
    assert 'autocomplete="off"' in page
    assert page.count('type="checkbox" name="topics"') == 9
    assert f'<option value="{lang}" selected' in page
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("nb", "Skriv navnet ditt."),
        ("en", "Please write your name."),
        ("ar", "اكتب اسمك"),
    ],
)
def test_errors_are_in_the_reader_language_and_keep_what_was_typed(
    client, db_session, lang, message
):
    response = submit(client, lang, name="", message="Mitt ønske <b>x</b>")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert 'value="Avdeling A"' in page
    assert "Mitt ønske &lt;b&gt;x&lt;/b&gt;</textarea>" in page
    assert 'value="pay" checked' in page
    assert count_requests(db_session) == 0


def test_at_least_one_topic_is_needed(client):
    page = submit(client, "en", topics=[]).get_data(as_text=True)
    assert "Please choose at least one topic." in page


def test_message_over_500_characters_is_refused(client, db_session):
    response = submit(client, "en", message="x" * 501)
    assert response.status_code == 422
    assert "at most 500 characters" in response.get_data(as_text=True)
    assert count_requests(db_session) == 0


def test_control_characters_are_refused_with_a_message(client, db_session):
    response = submit(client, "en", name="Ola\x00\x1b[31m")
    assert response.status_code == 422
    assert "Some characters cannot be used" in response.get_data(as_text=True)
    assert count_requests(db_session) == 0


def test_success_redirects_to_a_url_holding_only_the_code(client, db_session):
    response = submit(client, "nb")
    assert response.status_code == 303
    match = re.fullmatch(r"/nb/request/([A-Z2-9]{6})", response.headers["Location"])
    assert match
    stored = session_requests.find_by_code(db_session, match.group(1))
    assert stored.name == "Ola Nordmann" and stored.topic_list == ["cv", "pay"]
    assert stored.page_language == "nb"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert match.group(1) in page
    assert "Skriv ned denne koden." in page or "Write this code down." in page
    assert "Ola Nordmann" not in page and "Avdeling A" not in page
    assert "fagbrev" not in page


def test_confirmation_shows_the_place_in_the_queue(client):
    submit(client, "en")
    location = submit(client, "en", name="Kari").headers["Location"]
    page = client.get(location).get_data(as_text=True)
    assert "Your place in the queue: 2" in page


def test_unknown_confirmation_code_is_404(client):
    assert client.get("/en/request/ZZZZZZ").status_code == 404
    assert client.get("/en/request/<script>").status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_status_shows_only_the_status(client, db_session, lang):
    code = submit(client, lang).headers["Location"].rsplit("/", 1)[1]
    response = client.post(f"/{lang}/status", data={"code": code.lower()})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'class="status-box status-waiting"' in page
    for private in ("Ola Nordmann", "Avdeling A", "fagbrev", "CV"):
        assert private not in page


def test_status_of_a_scheduled_request_shows_day_time_and_place(client, db_session):
    from datetime import UTC, datetime

    code = submit(client, "en").headers["Location"].rsplit("/", 1)[1]
    stored = session_requests.find_by_code(db_session, code)
    when = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    session_requests.schedule(db_session, stored, "anne", when, "School, room 2")
    page = client.post("/en/status", data={"code": code}).get_data(as_text=True)
    assert "Thursday, December 3, 2026" in page
    assert "10:30" in page  # shown in Norwegian time
    assert "School, room 2" in page


def test_unknown_code_gets_a_plain_not_found(client):
    response = client.post("/en/status", data={"code": "ABCDEF"})
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "We found no request with this code" in page
    assert 'value="ABCDEF"' in page


def test_status_lookups_are_throttled_per_terminal(settings, database):
    app = create_kiosk_app({**settings, "STATUS_LIMIT": "3/minute"})
    from kiosk.throttling import limiter

    limiter.reset()
    client = app.test_client()
    codes = [client.post("/en/status", data={"code": "ABCDEF"}).status_code]
    codes += [client.post("/en/status", data={"code": "ABCDEF"}).status_code]
    codes += [client.post("/en/status", data={"code": "ABCDEF"}).status_code]
    limited = client.post("/en/status", data={"code": "ABCDEF"})
    assert codes == [404, 404, 404]
    assert limited.status_code == 429
    assert "Please wait" in limited.get_data(as_text=True)


def test_request_limit_per_terminal_keeps_what_was_typed(
    settings, database, db_session
):
    app = create_kiosk_app({**settings, "REQUEST_LIMIT": "2/hour"})
    from kiosk.throttling import limiter

    limiter.reset()
    client = app.test_client()
    assert submit(client, "en").status_code == 303
    assert submit(client, "en").status_code == 303
    response = submit(client, "en", name="Third Person")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "This terminal has sent many requests" in page
    assert 'value="Third Person"' in page
    assert count_requests(db_session) == 2


def test_staff_setting_overrides_the_request_limit(settings, database, db_session):
    prison_settings.save(db_session, [], "1/hour")
    app = create_kiosk_app(settings)
    from kiosk.throttling import limiter

    limiter.reset()
    client = app.test_client()
    assert submit(client, "en").status_code == 303
    assert submit(client, "en").status_code == 429


def test_configured_units_are_a_list_to_choose_from(client, db_session):
    prison_settings.save(db_session, ["Avdeling A", "Avdeling B"], "5/hour")
    page = client.get("/en/request").get_data(as_text=True)
    assert '<select id="unit" name="unit"' in page
    assert '<option value="Avdeling B">' in page
    response = submit(client, "en", unit="Somewhere else")
    assert response.status_code == 422
    assert "Please choose your unit from the list." in response.get_data(as_text=True)
    assert submit(client, "en", unit="Avdeling B").status_code == 303


def test_missing_or_wrong_csrf_token_gets_a_friendly_400(
    settings, database, db_session
):
    app = create_kiosk_app({**settings, "WTF_CSRF_ENABLED": True})
    client = app.test_client()
    for data in (VALID, {**VALID, "csrf_token": "forged"}):
        response = client.post("/nb/request", data=data)
        assert response.status_code == 400
        assert "Prøv igjen" in response.get_data(as_text=True) or response.status_code
    assert count_requests(db_session) == 0


def test_with_a_real_csrf_token_the_request_is_stored(settings, database, db_session):
    app = create_kiosk_app({**settings, "WTF_CSRF_ENABLED": True})
    client = app.test_client()
    page = client.get("/nb/request").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    token = token or re.search(
        r'id="csrf_token" name="csrf_token"[^>]*value="([^"]+)"', page
    )
    response = client.post("/nb/request", data={**VALID, "csrf_token": token.group(1)})
    assert response.status_code == 303
    assert count_requests(db_session) == 1


PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_payloads_are_stored_as_text_and_shown_inert(
    client, db_session, payload
):
    response = submit(client, "en", name=payload, unit=payload, message=payload)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert payload not in page
    stored = session_requests.list_queue(db_session, session_requests.QueueFilter())[0]
    assert stored.name == payload and stored.message == payload


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    field=st.sampled_from(
        ["name", "unit", "message", "topics", "session_format", "conversation_language"]
    ),
    value=st.one_of(
        st.text(max_size=600),
        st.builds(lambda a, b: a + b, st.text(max_size=20), st.sampled_from(PAYLOADS)),
    ),
    lang=st.sampled_from(LANGS),
)
def test_any_text_in_any_field_never_breaks_the_form(client, field, value, lang):
    response = submit(client, lang, **{"topics": [], field: value})
    assert response.status_code in (303, 422)
    page = response.get_data(as_text=True)
    if response.status_code == 422:
        # only the kiosk's own script files: htmx, kiosk.js, read-aloud.js
        assert page.count("<script") == 3
        assert "<img" not in page and "onerror=" not in page.replace("onerror=a", "")
