"""Closed-kiosk headers on both listeners; static files cached under versioned names."""

import pytest

from kiosk import static_version
from kiosk.headers import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/", "/nb/", "/ar/topics", "/xx/"])
def test_kiosk_responses_carry_the_policy(client, path):
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "HX-Request" in response.headers["Vary"]


def test_staff_responses_carry_the_policy(staff_client):
    response = staff_client.get("/")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_have_versioned_names_and_a_long_cache(client):
    version = static_version()
    page = client.get("/en/").get_data(as_text=True)
    assert f"/static/{version}/css/kiosk.css" in page
    response = client.get(f"/static/{version}/css/kiosk.css")
    assert response.status_code == 200
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert response.cache_control.immutable
    response.close()


def test_static_version_follows_the_content(tmp_path):
    (tmp_path / "a.css").write_text("a {}")
    before = static_version.__wrapped__(tmp_path)
    (tmp_path / "a.css").write_text("a { color: red }")
    assert static_version.__wrapped__(tmp_path) != before


def test_static_files_are_not_revalidated_on_every_page(client):
    """F17: send_file's no-cache no longer cancels the one-year cache."""
    response = client.get(f"/static/{static_version()}/js/kiosk.js")
    assert response.status_code == 200
    assert "no-cache" not in response.headers["Cache-Control"]
    assert response.cache_control.public and response.cache_control.immutable
    response.close()


@pytest.mark.parametrize(("path", "location"), [("/nb", "/nb/"), ("/ar", "/ar/")])
def test_redirects_never_echo_the_host_header(client, path, location):
    """F19: routing's redirects are paths, whatever Host the request names."""
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 308
    assert response.headers["Location"] == location


@pytest.mark.parametrize(
    ("location", "safe"),
    [
        ("/nb/", "/nb/"),
        ("http://evil.example/nb/?q=1", "/nb/?q=1"),
        ("http://evil.example//evil.example/", "/evil.example/"),
        ("http://h/\\\\evil.example/", "/evil.example/"),
        ("//evil.example/x", "/x"),
    ],
)
def test_same_site_location(location, safe):
    from kiosk.headers import same_site_location

    assert same_site_location(location) == safe
