"""The two apps: each listener signs its cookies and forms with its own key."""

import re

import pytest

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


def _int_rules(app):
    for rule in app.url_map.iter_rules():
        if "<int:" in rule.rule:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, rule.rule


@pytest.mark.parametrize("number", [2**63, 10**20, 10**400])
def test_a_number_too_big_for_the_database_is_404_not_500(client, staff, number):
    """F8: every <int:...> in every URL of both listeners, with a huge number."""
    walked = 0
    for app_client in (client, staff):
        for method, rule in _int_rules(app_client.application):
            url = re.sub(r"<int:\w+>", str(number), rule).replace("<lang:lang>", "nb")
            response = app_client.open(url, method=method)
            assert response.status_code == 404, (method, url, response.status)
            walked += 1
    assert walked >= 8
    assert client.get(f"/nb/events/{2**63 - 1}").status_code == 404  # still a number


def test_the_kept_session_signer_signs_as_flask_does(app, client):
    """The signer is built once per app (bench: a new visit's form costs more
    without); if Flask changes how it signs, the stock signer disagrees here."""
    from flask.sessions import SecureCookieSessionInterface

    client.post("/nb/library/my-list", data={"slug": "welder", "action": "add"})
    cookie = client.get_cookie("kiosk_session").value
    stock = SecureCookieSessionInterface().get_signing_serializer(app)
    assert stock.loads(cookie)["my_list"] == ["welder"]
    kept = app.session_interface.get_signing_serializer(app)
    assert kept is app.session_interface.get_signing_serializer(app)
    assert kept.loads(stock.dumps({"my_list": ["cook"]})) == {"my_list": ["cook"]}
