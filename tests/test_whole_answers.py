"""Whole answers for visits without a cookie: kept once, given without Flask."""

import json
import re
import time

import pytest
from flask import request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from itsdangerous.encoding import base64_decode
from itsdangerous.signer import NoneAlgorithm

from kiosk.page_cache import (
    MAX_WHOLE_BYTES,
    MAX_WHOLE_PAGES,
    MAX_WHOLE_SEARCH_BYTES,
    MAX_WHOLE_SEARCH_PAGES,
    TOKEN_HOLE,
    WHOLE,
)
from kiosk.whole_answers import COOKIE_HOLE, NewVisitSigner, WholePage, WholePages

HTMX = {"HX-Request": "true"}
REQUEST = {
    "name": "Ola Nordmann",
    "unit": "Avdeling A",
    "topics": ["cv"],
    "session_format": "one-to-one",
    "conversation_language": "nb",
    "message": "Hei",
}


@pytest.fixture
def form_app(settings, database):
    """A kiosk app that keeps whole answers and checks CSRF tokens, as served."""
    from kiosk import create_kiosk_app

    config = {"SETTINGS_RECHECK_SECONDS": 3600, "WTF_CSRF_ENABLED": True}
    return create_kiosk_app({**settings, **config})


def flask_entries(app) -> list[str]:
    """Count the requests that enter Flask (a hook added before the first)."""
    entered = []
    app.before_request(lambda: entered.append(request.path))
    return entered


def answer(response) -> tuple:
    headers = tuple(sorted(response.headers.items()))
    return response.status, headers, response.get_data()


def kept_answers(app) -> int:
    return sum(len(app.extensions[name]) for name in WHOLE.values())


def token_of(response) -> str:
    page = response.get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]


def cookie_of(response) -> str:
    return response.headers["Set-Cookie"].split(";")[0]


def test_a_visit_without_a_cookie_is_answered_whole_without_flask(whole_app):
    entered = flask_entries(whole_app)
    visits = whole_app.test_client(use_cookies=False)
    answers = [answer(visits.get("/nb/library")) for _ in range(4)]
    # the first reads the settings' version, the second is kept, then kept ones
    assert len(entered) == 2
    assert answers[0][0] == "200 OK" and len(set(answers)) == 1
    assert "Set-Cookie" not in dict(answers[0][1]) and b"<html" in answers[0][2]
    htmx = visits.get("/nb/library", headers=HTMX)
    assert len(entered) == 3 and b"<html" not in htmx.get_data()
    visits.get("/nb/library", headers=HTMX)
    assert len(entered) == 3  # HTMX kept apart
    visits.get("/nb/library", headers={"HX-Boosted": "true"})
    visits.get("/nb/library", headers={"HX-Boosted": "true"})
    assert len(entered) == 4
    for _ in range(3):  # a filter or an unknown parameter: the page cache's
        visits.get("/nb/library?kind=guides&x=1")
        visits.get("/nb/library?kind=education")
    assert len(entered) == 10
    assert len(whole_app.extensions["kiosk.whole_pages"]) == 3


def test_a_visit_with_a_cookie_a_head_or_a_post_takes_the_whole_way(whole_app):
    entered = flask_entries(whole_app)
    visits = whole_app.test_client(use_cookies=False)
    for _ in range(3):
        visits.get("/nb/", headers={"Cookie": "kiosk_session=anything"})
        visits.head("/nb/")
        visits.post("/nb/status", data={"code": "QQQQ-7777"})
    assert len(entered) == 9
    assert kept_answers(whole_app) == 0


def test_an_answer_not_200_or_not_from_the_page_cache_is_not_kept(whole_app):
    entered = flask_entries(whole_app)
    visits = whole_app.test_client(use_cookies=False)
    for _ in range(3):
        assert visits.get("/nb/library/guides/no-such-page").status_code == 404
        assert visits.get("/xx/").status_code == 404
        assert visits.get("/nb/no-such-page").status_code == 404  # said in the view
        assert visits.get("/nb/events").status_code == 200  # not from the cache
    assert len(entered) == 12
    assert kept_answers(whole_app) == 0


def test_a_typed_search_is_kept_whole_apart_from_the_pages(whole_app):
    visits = whole_app.test_client(use_cookies=False)
    for _ in range(3):
        visits.get("/ar/library?q=%D9%86%D8%AC%D8%A7%D8%B1", headers=HTMX)
        visits.get("/nb/topics")
    searches = whole_app.extensions["kiosk.whole_searches"]
    assert (len(searches), len(whole_app.extensions["kiosk.whole_pages"])) == (1, 1)
    assert (searches.max_pages, searches.max_bytes) == (
        MAX_WHOLE_SEARCH_PAGES,
        MAX_WHOLE_SEARCH_BYTES,
    )


def test_new_settings_show_after_the_interval_and_audio_clears_answers(
    settings, database, monkeypatch
):
    from kiosk import create_kiosk_app, page_cache

    clock = [100.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    app = create_kiosk_app({**settings, "SETTINGS_RECHECK_SECONDS": 5})
    versions = iter(range(1, 100))
    app.extensions["kiosk.settings_version"]._read = lambda: next(versions)
    entered = flask_entries(app)
    visits = app.test_client(use_cookies=False)
    for _ in range(3):
        visits.get("/nb/topics")
    assert len(entered) == 2
    clock[0] = 104.9
    visits.get("/nb/topics")
    assert len(entered) == 2
    clock[0] = 105.0  # the version is read again, and a new one keeps anew
    for _ in range(3):
        visits.get("/nb/topics")
    assert len(entered) == 4
    app.extensions["kiosk.audio"].add([])  # new audio: every page may change
    visits.get("/nb/topics")
    assert len(entered) == 5


@pytest.mark.parametrize(
    "path", ["/nb/request", "/pl/library/occupations/welder", "/nb/status"]
)
def test_a_new_visit_gets_its_own_token_and_cookie_from_a_kept_form(form_app, path):
    entered = flask_entries(form_app)
    visits = form_app.test_client(use_cookies=False)
    answers = [visits.get(path) for _ in range(4)]
    assert len(entered) == 2  # the last two are kept answers
    flask, kept = answers[1], answers[2:]
    for one in kept:
        assert one.status_code == 200
        assert one.headers["Content-Length"] == str(len(one.get_data()))
        attributes = one.headers["Set-Cookie"].split(";", 1)[1]
        assert attributes == flask.headers["Set-Cookie"].split(";", 1)[1]
        assert TOKEN_HOLE not in one.get_data(as_text=True)
        assert COOKIE_HOLE not in one.headers["Set-Cookie"]
        rest = one.get_data(as_text=True).replace(token_of(one), "")
        assert rest == flask.get_data(as_text=True).replace(token_of(flask), "")
    tokens = {token_of(one) for one in answers}
    cookies = {cookie_of(one) for one in answers}
    assert len(tokens) == len(cookies) == 4  # every visit its own
    sessions = form_app.session_interface.get_signing_serializer(form_app)
    signed = URLSafeTimedSerializer(form_app.secret_key, salt="wtf-csrf-token")
    for one in answers:
        session = sessions.loads(cookie_of(one).split("=", 1)[1])
        assert session["csrf_token"] == signed.loads(token_of(one))
        assert abs(session["seen_at"] - time.time()) < 60


def test_a_form_from_a_kept_answer_is_accepted_and_its_token_is_its_own(form_app):
    """The token and cookie made without Flask are what Flask-WTF checks."""
    app = form_app
    entered = flask_entries(app)
    visits = app.test_client(use_cookies=False)
    first, second, one, other = (visits.get("/nb/request") for _ in range(4))
    assert len(entered) == 2
    swapped = visits.post(
        "/nb/request",
        data={**REQUEST, "csrf_token": token_of(other)},
        headers={"Cookie": cookie_of(one)},
    )
    assert swapped.status_code == 400  # another visit's token: refused
    sent = visits.post(
        "/nb/request",
        data={**REQUEST, "csrf_token": token_of(one)},
        headers={"Cookie": cookie_of(one)},
    )
    assert sent.status_code == 303, sent.get_data(as_text=True)[:500]
    assert "Ola Nordmann" not in sent.headers["Location"]


def test_only_a_new_visits_session_with_the_pages_token_is_kept(form_app):
    """A cookie that would be wrong for the next visit makes the answer Flask's."""
    whole_app = form_app
    keeper = whole_app.wsgi_app
    assert isinstance(keeper, WholePages)
    visits = whole_app.test_client(use_cookies=False)
    flask = visits.get("/nb/request")
    token, cookie = token_of(flask), flask.headers["Set-Cookie"]
    name, value = cookie.split(";")[0].split("=", 1)
    headers = [("Content-Type", "text/html"), ("Set-Cookie", cookie)]
    content = flask.get_data()

    def keepable(headers=headers, content=content, token=token):
        return keeper._keepable("200 OK", headers, content, token)

    kept = keepable()
    assert kept.new_visit and TOKEN_HOLE.encode() in kept.body
    assert dict(kept.headers)["Set-Cookie"] == cookie.replace(value, COOKIE_HOLE)
    sessions = whole_app.session_interface.get_signing_serializer(whole_app)
    session = sessions.loads(value)
    more = sessions.dumps({**session, "my_list": ["welder"]})
    other_token = token_of(visits.get("/nb/request"))
    for wrong in (
        {"headers": [*headers, ("Set-Cookie", "other=1; Path=/")]},
        {"headers": [("Set-Cookie", cookie.replace(name, "staff_session"))]},
        {"headers": [("Set-Cookie", cookie + "; Expires=Thu, 01 Jan 2026 00:00:00")]},
        {"headers": [("Set-Cookie", cookie + "; Max-Age=60")]},
        {"headers": [("Set-Cookie", cookie.replace(value, more))]},
        {"headers": [("Set-Cookie", cookie.replace(value, value[:-2] + "xx"))]},
        {"headers": [("Set-Cookie", f"{name}=; Path=/")]},
        {"token": other_token},
        {
            "token": other_token,
            "content": content.replace(token.encode(), b"") + other_token.encode(),
        },  # the page has another visit's token
        {"token": None},
        {"content": content.replace(token.encode(), b"")},
    ):
        assert keepable(**wrong) is None, wrong
    plain = keeper._keepable("200 OK", [("A", "b")], b"page", None)
    assert plain == WholePage("200 OK", (("A", "b"),), b"page", False)


def test_a_whole_page_counts_its_headers_and_body():
    page = WholePage("200 OK", (("A", "bc"), ("Content-Type", "x")), b"12345")
    assert len(page) == 5 + 3 + 13


def _wsgi_answers(app, path: str, times: int) -> list[tuple]:
    """Call the served WSGI app as waitress does; return (status, headers, body)."""
    from werkzeug.test import EnvironBuilder

    answers = []
    for _ in range(times):
        seen = {}

        def start_response(status, headers, exc_info=None, seen=seen):
            seen.update(status=status, headers=headers)

        environ = EnvironBuilder(path=path).get_environ()
        body = b"".join(app.wsgi_app(environ, start_response))
        answers.append((seen["status"], dict(seen["headers"]), body))
    return answers


@pytest.mark.parametrize("path", ["/nb/topics", "/nb/request"])
def test_a_kept_answer_gives_the_server_flasks_status_and_headers(form_app, path):
    first, flask, *kept = _wsgi_answers(form_app, path, 4)
    for one in kept:
        assert one[0] == flask[0] == "200 OK"
        for name, value in flask[1].items():
            if name != "Set-Cookie":
                assert one[1][name] == value, name
        assert one[1]["Content-Length"] == str(len(one[2]))


def test_a_form_kept_with_its_own_csrf_secret_is_accepted(settings, database):
    """WTF_CSRF_SECRET_KEY, when set, signs the kept form's token, as Flask-WTF."""
    from kiosk import create_kiosk_app

    app = create_kiosk_app(
        {
            **settings,
            "SETTINGS_RECHECK_SECONDS": 3600,
            "WTF_CSRF_ENABLED": True,
            "WTF_CSRF_SECRET_KEY": "a key for the tokens alone",
        }
    )
    entered = flask_entries(app)
    visits = app.test_client(use_cookies=False)
    *_, kept = (visits.get("/nb/request") for _ in range(3))
    assert len(entered) == 2  # the third is a kept answer
    sent = visits.post(
        "/nb/request",
        data={**REQUEST, "csrf_token": token_of(kept)},
        headers={"Cookie": cookie_of(kept)},
    )
    assert sent.status_code == 303


def test_an_answer_rendered_while_the_answers_are_emptied_is_not_kept(whole_app):
    calls = []

    def empty_on_the_second():
        calls.append(1)
        if len(calls) == 2:  # the first only reads the settings' version
            for name in WHOLE.values():
                whole_app.extensions[name].clear()  # new audio, mid-answer

    whole_app.before_request(empty_on_the_second)
    entered = flask_entries(whole_app)
    visits = whole_app.test_client(use_cookies=False)
    for _ in range(4):
        visits.get("/nb/topics")
    # the first reads the version; the second is emptied mid-way, so not kept;
    # the third is kept, the fourth given from it
    assert len(entered) == 3


def test_whole_answers_have_bounds_of_their_own(whole_app):
    pages = whole_app.extensions["kiosk.whole_pages"]
    assert (pages.max_pages, pages.max_bytes) == (MAX_WHOLE_PAGES, MAX_WHOLE_BYTES)
    assert pages is not whole_app.extensions["kiosk.pages"]


def test_a_new_visit_is_signed_as_the_libraries_sign_and_read(form_app):
    """``NewVisitSigner`` signs with the serializer's key; the serializer reads it."""
    sessions = form_app.session_interface.get_signing_serializer(form_app)
    tokens = URLSafeTimedSerializer(form_app.secret_key, salt="wtf-csrf-token")
    value = {"csrf_token": "ab" * 20, "seen_at": 1796515541}
    for serializer, signed in ((sessions, value), (tokens, "ab" * 20)):
        made = NewVisitSigner(serializer).dumps(signed)
        read, stamped = serializer.loads(made, max_age=60, return_timestamp=True)
        assert read == signed
        assert abs(stamped.timestamp() - time.time()) < 60
        payload, stamp, mac = made.split(".")
        compact = json.dumps(signed, separators=(",", ":")).encode()
        assert base64_decode(payload) == compact  # as short as the libraries write
        with pytest.raises(BadSignature):
            serializer.loads(f"{payload}x.{stamp}.{mac}")
        other = URLSafeTimedSerializer("another key", salt=serializer.salt)
        with pytest.raises(BadSignature):
            other.loads(made)
    unsigned = {"algorithm": NoneAlgorithm()}  # a signer this cannot sign for
    with pytest.raises(TypeError, match="not an HMAC signer"):
        NewVisitSigner(URLSafeTimedSerializer("key", signer_kwargs=unsigned))
