"""Staff door: login, throttling, session expiry, logout; no kiosk page here."""

import logging

import pytest

from kiosk import accounts
from kiosk.clock import utc_now
from tests.conftest import STAFF_PASSWORD


def test_staff_pages_need_a_login(staff_client):
    response = staff_client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert staff_client.get("/login").status_code == 200


def test_staff_start_page_after_login(staff):
    page = staff.get("/").get_data(as_text=True)
    assert '<html lang="nb" dir="ltr">' in page
    assert "Startside for ansatte" in page
    assert "العربية" in page  # the language table


def test_wrong_password_and_unknown_user_get_the_same_answer(staff_client, counsellor):
    wrong = staff_client.post("/login", data={"username": "anne", "password": "nope"})
    unknown = staff_client.post(
        "/login", data={"username": "nobody", "password": STAFF_PASSWORD}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert b"Feil brukernavn eller passord" in wrong.data

    def without_name_and_token(page: bytes, name: bytes) -> bytes:
        return page.replace(b'value="' + name + b'"', b"")

    assert without_name_and_token(wrong.data, b"anne") == without_name_and_token(
        unknown.data, b"nobody"
    )


def test_attempts_are_logged_without_the_password(staff_client, counsellor, caplog):
    caplog.set_level(logging.INFO, logger="kiosk.auth")
    staff_client.post("/login", data={"username": "anne", "password": "bad secret"})
    staff_client.post("/login", data={"username": "hunter2-typo", "password": "x"})
    staff_client.post("/login", data={"username": "anne", "password": STAFF_PASSWORD})
    text = caplog.text
    assert "login failed user=anne" in text
    assert "login failed user=<unknown>" in text and "hunter2" not in text
    assert "login ok user=anne" in text
    assert "bad secret" not in text and STAFF_PASSWORD not in text


def test_login_is_throttled_per_account(staff_client, counsellor):
    for _ in range(5):
        response = staff_client.post(
            "/login", data={"username": "anne", "password": "wrong"}
        )
        assert response.status_code == 401
    response = staff_client.post(
        "/login", data={"username": "anne", "password": STAFF_PASSWORD}
    )
    assert response.status_code == 429
    other = staff_client.post("/login", data={"username": "bob", "password": "x"})
    assert other.status_code == 401  # another account is not locked


def test_login_starts_a_new_session(staff_client, counsellor):
    with staff_client.session_transaction() as session:
        session["planted"] = "by someone else"
    staff_client.post("/login", data={"username": "anne", "password": STAFF_PASSWORD})
    with staff_client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"]


def test_session_cookie_is_httponly_and_strict(staff_client, counsellor):
    response = staff_client.post(
        "/login", data={"username": "anne", "password": STAFF_PASSWORD}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


@pytest.mark.parametrize(
    ("key", "age_minutes"), [("seen_at", 31), ("login_at", 12 * 60 + 1)]
)
def test_idle_and_absolute_expiry_end_the_session(staff, key, age_minutes):
    with staff.session_transaction() as session:
        session[key] = utc_now().timestamp() - age_minutes * 60
    response = staff.get("/queue")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert staff.get("/queue").status_code == 302


def test_activity_keeps_the_session_alive(staff):
    with staff.session_transaction() as session:
        session["seen_at"] = utc_now().timestamp() - 29 * 60
    assert staff.get("/queue").status_code == 200
    assert staff.get("/queue").status_code == 200


def test_a_disabled_account_loses_its_session(staff, db_session):
    assert staff.get("/queue").status_code == 200
    accounts.set_active(db_session, "anne", False)
    assert staff.get("/queue").status_code == 302


def test_logout_ends_the_session(staff):
    response = staff.post("/logout")
    assert response.status_code == 303
    assert staff.get("/queue").status_code == 302


def test_login_redirects_only_inside_the_staff_site(staff_client, counsellor):
    for target, expected in [("/queue", "/queue"), ("//evil.example/", "/")]:
        response = staff_client.post(
            f"/login?next={target}",
            data={"username": "anne", "password": STAFF_PASSWORD},
        )
        assert response.headers["Location"] == expected
        staff_client.post("/logout")


@pytest.mark.parametrize("path", ["/nb/", "/ar/topics", "/en/request", "/reset"])
def test_kiosk_pages_do_not_exist_on_the_staff_app(staff_client, path):
    assert staff_client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path", ["/login", "/queue", "/queue.csv", "/today", "/settings", "/requests/1"]
)
def test_staff_urls_answer_404_on_the_kiosk(client, path):
    assert client.get(path).status_code == 404


def test_a_stranger_cannot_lock_a_counsellor_out(staff_client, counsellor):
    """F9: guesses at a name lock out the guessing address, not the counsellor."""
    stranger, desk = {"REMOTE_ADDR": "10.9.9.9"}, {"REMOTE_ADDR": "10.1.1.1"}
    guesses = [
        staff_client.post(
            "/login",
            data={"username": "Anne ", "password": "guess"},
            environ_base=stranger,
        ).status_code
        for _ in range(7)
    ]
    assert guesses == [401] * 5 + [429] * 2
    correct = {"username": "anne", "password": STAFF_PASSWORD}
    assert (
        staff_client.post("/login", data=correct, environ_base=stranger).status_code
        == 429
    )
    response = staff_client.post("/login", data=correct, environ_base=desk)
    assert response.status_code == 303


def test_a_success_starts_the_count_again(staff_client, counsellor):
    wrong = {"username": "anne", "password": "wrong"}
    for _ in range(4):
        assert staff_client.post("/login", data=wrong).status_code == 401
    correct = {"username": "anne", "password": STAFF_PASSWORD}
    assert staff_client.post("/login", data=correct).status_code == 303
    staff_client.post("/logout")
    for _ in range(4):
        assert staff_client.post("/login", data=wrong).status_code == 401


def test_a_copy_of_the_cookie_is_worthless_after_logout(staff):
    """F10: logging out ends the login on the server, not only in the browser."""
    saved = staff.get_cookie("staff_session").value
    assert staff.get("/queue").status_code == 200
    assert staff.post("/logout").status_code == 303
    staff.set_cookie("staff_session", saved)
    response = staff.get("/queue")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_disabling_an_account_ends_its_logins_on_the_server(staff, db_session):
    saved = staff.get_cookie("staff_session").value
    accounts.set_active(db_session, "anne", False)
    accounts.set_active(db_session, "anne", True)
    staff.set_cookie("staff_session", saved)
    assert staff.get("/queue").status_code == 302


@pytest.mark.parametrize(
    "target",
    ["/%0d%0aSet-Cookie:%20x=1", "/%0aLocation:%20//evil", "/\\evil.example/", "/%09x"],
)
def test_a_next_address_with_controls_goes_to_the_start(
    staff_client, counsellor, target
):
    """F12: CR/LF in next= gave 500 after a successful login."""
    response = staff_client.post(
        f"/login?next={target}",
        data={"username": "anne", "password": STAFF_PASSWORD},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
