"""HTMX requests are told apart from boosted page loads."""

from kiosk.htmx import is_htmx


def test_plain_request_is_not_htmx(app):
    with app.test_request_context("/en/"):
        assert not is_htmx()


def test_htmx_request_is_htmx(app):
    with app.test_request_context("/en/", headers={"HX-Request": "true"}):
        assert is_htmx()


def test_boosted_navigation_gets_the_whole_page(app):
    headers = {"HX-Request": "true", "HX-Boosted": "true"}
    with app.test_request_context("/en/", headers=headers):
        assert not is_htmx()


def test_every_response_varies_on_hx_request(client):
    assert "HX-Request" in client.get("/en/").headers["Vary"]
