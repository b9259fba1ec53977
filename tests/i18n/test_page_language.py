"""Language from the URL prefix, never from the browser; fallback chains."""

from kiosk.i18n.page_language import fallback_chain, in_language


def test_language_comes_from_the_url_not_accept_language(client):
    page = client.get("/en/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page


def test_start_screen_ignores_accept_language(client):
    page = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="nb" dir="ltr">' in page


def test_fallback_chains(app):
    with app.test_request_context("/ar/"):
        assert fallback_chain("ar") == ["ar", "en"]
        assert fallback_chain("en") == ["en", "nb"]
        assert fallback_chain("nb") == ["nb", "en"]


def test_english_pages_never_fall_back_to_norwegian_strings(client):
    page = client.get("/en/request").get_data(as_text=True)
    assert "Ask for a conversation" in page and "Be om en samtale" not in page


def test_strings_in_another_language(app):
    with app.test_request_context("/en/"):
        assert in_language("nb", "Choose your language") == "Velg språk"
        assert in_language("ar", "Choose your language") == "اختر لغتك"
        assert in_language("en", "Choose your language") == "Choose your language"
