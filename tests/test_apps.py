"""The two apps: each listener signs its cookies and forms with its own key."""

from kiosk.config import listener_secret_key


def test_each_listener_derives_its_own_key(app, staff_app):
    assert app.config["SECRET_KEY"] != staff_app.config["SECRET_KEY"]
    assert listener_secret_key("s", "kiosk") != listener_secret_key("s", "staff")
    assert app.config["SESSION_COOKIE_NAME"] != staff_app.config["SESSION_COOKIE_NAME"]


def test_a_staff_cookie_is_worthless_on_the_kiosk(staff, client):
    cookie = staff.get_cookie("staff_session")
    assert cookie is not None and staff.get("/queue").status_code == 200
    client.set_cookie("kiosk_session", cookie.value)
    with client.session_transaction() as session:
        assert "_user_id" not in session and not dict(session)


def test_a_kiosk_cookie_is_worthless_on_the_staff_listener(
    client, staff_client, counsellor
):
    client.post(
        "/nb/library/my-list", data={"slug": "cook", "action": "add"}
    )  # puts something in the kiosk session
    cookie = client.get_cookie("kiosk_session")
    assert cookie is not None
    staff_client.set_cookie("staff_session", cookie.value)
    with staff_client.session_transaction() as session:
        assert not dict(session)
    assert staff_client.get("/queue").status_code == 302
