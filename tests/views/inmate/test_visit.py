"""A visit's session: the server forgets it after the terminal's idle time."""

import pytest

from kiosk.clock import utc_now

QUIET_LIMIT = 120 + 30 + 30  # idle, warning, and the "still here" interval


def keep_welder(client) -> None:
    response = client.post(
        "/nb/library/my-list", data={"slug": "welder", "action": "add"}
    )
    assert response.status_code == 303


def age_visit(client, seconds: float) -> None:
    with client.session_transaction() as session:
        session["seen_at"] = utc_now().timestamp() - seconds


def test_a_quiet_visit_is_forgotten_by_the_server(client):
    """F21: even if the terminal's script never ran the reset."""
    keep_welder(client)
    age_visit(client, QUIET_LIMIT + 1)
    page = client.get("/nb/library/my-list").get_data(as_text=True)
    assert 'value="welder"' not in page
    with client.session_transaction() as session:
        assert "my_list" not in session


@pytest.mark.parametrize("quiet", [0, QUIET_LIMIT - 5])
def test_a_visit_in_use_is_kept(client, quiet):
    keep_welder(client)
    age_visit(client, quiet)
    page = client.get("/nb/library/my-list").get_data(as_text=True)
    assert 'value="welder"' in page


def test_still_here_keeps_a_visit_alive_while_someone_types(client):
    keep_welder(client)
    age_visit(client, QUIET_LIMIT - 5)
    assert client.get("/still-here").status_code == 204
    with client.session_transaction() as session:
        assert utc_now().timestamp() - session["seen_at"] < 5
        assert session["my_list"] == ["welder"]


def test_a_session_without_a_time_is_not_trusted(client):
    with client.session_transaction() as session:
        session["my_list"] = ["welder"]
        session["request_code"] = "ABCDEF"
    client.get("/nb/")
    with client.session_transaction() as session:
        assert "my_list" not in session and "request_code" not in session


def test_an_empty_visit_gets_no_cookie(client):
    response = client.get("/nb/")
    assert "Set-Cookie" not in response.headers
