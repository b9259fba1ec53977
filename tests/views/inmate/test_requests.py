"""Asking for a conversation at the kiosk, and checking its status by code."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import func, select

from kiosk import create_kiosk_app, prison_settings, session_requests
from kiosk.models import SessionRequest
from tests.http_client import code_on_page

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


def sent_code(client, lang="nb", **changes) -> str:
    """Send a request and return the code its confirmation page shows."""
    response = submit(client, lang, **changes)
    assert response.status_code == 303
    return code_on_page(client.get(response.headers["Location"]).get_data(True))


def test_success_shows_the_code_on_an_address_without_it(client, db_session):
    response = submit(client, "nb")
    assert response.status_code == 303
    assert response.headers["Location"] == "/nb/request/sent"
    page = client.get("/nb/request/sent").get_data(as_text=True)
    code = code_on_page(page)
    stored = session_requests.find_by_code(db_session, code)
    assert stored.name == "Ola Nordmann" and stored.topic_list == ["cv", "pay"]
    assert stored.page_language == "nb"
    assert "Skriv ned denne koden." in page
    assert "Ola Nordmann" not in page and "Avdeling A" not in page
    assert "fagbrev" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_confirmation_belongs_to_the_visit_that_sent_it(app, client, lang):
    """F1/F3: another visit, or the same terminal after the reset, sees no code."""
    code = sent_code(client, lang)
    stranger = app.test_client()
    response = stranger.get(f"/{lang}/request/sent")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/{lang}/request"
    client.get("/reset")
    after_reset = client.get(f"/{lang}/request/sent", follow_redirects=True)
    assert code not in after_reset.get_data(as_text=True)


def test_confirmation_shows_the_place_in_the_queue(client):
    submit(client, "en")
    submit(client, "en", name="Kari")
    page = client.get("/en/request/sent").get_data(as_text=True)
    assert "Your place in the queue: 2" in page


def test_no_address_takes_a_code_any_more(client):
    """F3: the old confirmation address answered 200 or 404: a code oracle."""
    code = sent_code(client, "en")
    assert client.get(f"/en/request/{code}").status_code == 404
    assert client.get("/en/request/ZZZZZZ").status_code == 404
    assert client.get("/en/request/<script>").status_code == 404


@pytest.mark.parametrize("lang", LANGS)
def test_status_shows_only_the_status(client, db_session, lang):
    code = sent_code(client, lang)
    response = client.post(f"/{lang}/status", data={"code": code.lower()})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'class="status-box status-waiting"' in page
    for private in ("Ola Nordmann", "Avdeling A", "fagbrev", "CV"):
        assert private not in page


def test_status_of_a_scheduled_request_shows_day_time_and_place(client, db_session):
    from datetime import UTC, datetime

    code = sent_code(client, "en")
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
        assert "Prøv igjen" in response.get_data(as_text=True)
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
    kept = submit(client, "en", topics=[], name=payload, unit=payload, message=payload)
    assert kept.status_code == 422  # the form comes back with what was typed
    page = kept.get_data(as_text=True)
    shown = str(escape(payload))
    assert shown in page  # kept as typed, escaped
    if shown != payload:
        assert payload not in page
    response = submit(client, "en", name=payload, unit=payload, message=payload)
    assert response.status_code == 303
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
        tags = elements_of(page)
        assert "img" not in {tag for tag, _names in tags}
        assert not any(name.startswith("on") for _, names in tags for name in names)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, [name for name, _value in attrs]))


def elements_of(page: str) -> list[tuple[str, list[str]]]:
    """Return every element the browser would build: its tag and attribute names."""
    parser = _Elements()
    parser.feed(page)
    return parser.found


def csrf_token(page: str) -> str | None:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    return found.group(1) if found else None


def test_the_form_at_the_limit_can_be_sent_again_later(settings, database, db_session):
    """F13: the 429 form keeps what was typed, with a token that still works."""
    app = create_kiosk_app(
        {**settings, "WTF_CSRF_ENABLED": True, "REQUEST_LIMIT": "1/hour"}
    )
    from kiosk.throttling import limiter

    limiter.reset()
    client = app.test_client()
    token = csrf_token(client.get("/en/request").get_data(as_text=True))
    first = client.post("/en/request", data={**VALID, "csrf_token": token})
    assert first.status_code == 303
    typed = {**VALID, "name": "Second Person", "message": "Still here?"}
    limited = client.post("/en/request", data={**typed, "csrf_token": token})
    assert limited.status_code == 429
    page = limited.get_data(as_text=True)
    assert 'value="Second Person"' in page and "Still here?" in page
    fresh = csrf_token(page)
    assert fresh
    limiter.reset()  # the hour has passed
    again = client.post("/en/request", data={**typed, "csrf_token": fresh})
    assert again.status_code == 303
    assert count_requests(db_session) == 2


def test_invisible_characters_cannot_disguise_a_name(client, db_session):
    """F20: a right-to-left override or zero-width space is dropped from name and
    unit; the joiners Persian writing needs stay."""
    response = submit(
        client,
        name="Ola\u202e Nord\u200bmann\ufeff",
        unit="Avdeling\u2066 A\u2069",
        message="",
    )
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    stored = session_requests.find_by_code(db_session, code_on_page(page))
    assert (stored.name, stored.unit) == ("Ola Nordmann", "Avdeling A")
    persian = submit(client, name="مهدی\u200cزاده", message="")
    page = client.get(persian.headers["Location"]).get_data(as_text=True)
    kept = session_requests.find_by_code(db_session, code_on_page(page))
    assert kept.name == "مهدی\u200cزاده"
