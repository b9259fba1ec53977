"""Bad addresses: a 404 page in the default language, never a 500, nothing reflected."""

import pytest

HOSTILE_PATHS = [
    "/xx/",
    "/%2e%2e/etc/passwd",
    "/../../etc/passwd",
    "/nb/%3Cscript%3Ealert(1)%3C/script%3E",
    "/<b>markup</b>/",
    "/nb/" + "a" * 3000,
    "/" + "x" * 3000,
    "/nb/guidance/extra",
    "/static/nothing.css",
    "/nb/%00",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_paths_get_a_plain_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert '<html lang="nb" dir="ltr">' in page
    assert "Fant ikke siden" in page
    assert "<script>alert" not in page
    assert "markup</b>" not in page
    assert "a" * 100 not in page and "x" * 100 not in page


def test_unknown_language_answers_in_the_default_language(client):
    page = client.get("/xx/").get_data(as_text=True)
    assert '<html lang="nb" dir="ltr">' in page
    assert "Fant ikke siden" in page


def test_missing_page_in_arabic_answers_in_arabic(client):
    page = client.get("/ar/no-such-page").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert "لم نجد الصفحة" in page


def test_wrong_method_is_not_a_server_error(client):
    response = client.post("/nb/")
    assert response.status_code == 405
    assert response.headers["Cache-Control"] == "no-store"


def test_an_unexpected_fault_shows_a_friendly_500(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("broken on purpose")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Noe gikk galt" in response.get_data(as_text=True)
    assert "broken on purpose" not in response.get_data(as_text=True)
