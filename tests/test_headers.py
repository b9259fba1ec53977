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
