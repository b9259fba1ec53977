"""The one login guard: every staff URL rule, walked anonymously and disabled."""

import pytest

from kiosk import accounts
from kiosk.views.staff import open_to_anyone

OPEN_ON_PURPOSE = {"static", "account.login", "health.healthz"}
WALKED_METHODS = ("GET", "POST")


def _every_rule(app):
    for rule in app.url_map.iter_rules():
        url = "/".join(
            "1" if part.startswith("<int:") else ("x" if part.startswith("<") else part)
            for part in rule.rule.split("/")
        )
        for method in WALKED_METHODS:
            if method in rule.methods:
                yield rule.endpoint, method, url


def _is_turned_away(response) -> bool:
    if response.status_code in (401, 404):
        return True
    return response.status_code == 302 and response.headers["Location"].startswith(
        "/login"
    )


def test_only_the_pages_that_say_so_are_open(staff_app):
    marked = {
        endpoint
        for endpoint, view in staff_app.view_functions.items()
        if getattr(view, "open_to_anyone", False)
    }
    assert marked | {"static"} == OPEN_ON_PURPOSE


def test_every_staff_rule_turns_an_anonymous_caller_away(staff_client):
    walked = set()
    for endpoint, method, url in _every_rule(staff_client.application):
        if endpoint in OPEN_ON_PURPOSE:
            continue
        response = staff_client.open(url, method=method)
        assert _is_turned_away(response), (endpoint, method, url, response.status)
        walked.add(endpoint.split(".")[0])
    assert walked == set(staff_client.application.blueprints) - {"health"}


def test_every_staff_rule_turns_a_disabled_account_away(staff, db_session):
    assert staff.get("/queue").status_code == 200
    accounts.set_active(db_session, "anne", False)
    for endpoint, method, url in _every_rule(staff.application):
        if endpoint in OPEN_ON_PURPOSE:
            continue
        response = staff.open(url, method=method)
        assert _is_turned_away(response), (endpoint, method, url, response.status)


def test_a_new_blueprint_is_guarded_without_remembering_anything(settings, database):
    from flask import Blueprint

    from kiosk import create_staff_app

    app = create_staff_app(settings)
    extra = Blueprint("forgotten", __name__)

    @extra.get("/forgotten")
    def forgotten():
        return "secret"

    @extra.get("/meant-to-be-open")
    @open_to_anyone
    def meant_to_be_open():
        return "open"

    app.register_blueprint(extra)
    client = app.test_client()
    assert client.get("/forgotten").status_code == 302
    assert client.get("/meant-to-be-open").status_code == 200


def test_the_kiosk_app_holds_no_staff_view(app):
    modules = {
        view.__module__
        for endpoint, view in app.view_functions.items()
        if endpoint != "static"
    }
    assert modules and all(m.startswith("kiosk.views.inmate.") for m in modules)


@pytest.mark.parametrize("method", WALKED_METHODS)
def test_every_staff_rule_answers_404_on_the_kiosk(client, staff_app, method):
    for endpoint, rule_method, url in _every_rule(staff_app):
        if rule_method != method or url == "/" or endpoint == "static":
            continue
        assert client.open(url, method=method).status_code in (404, 405), url
