"""The library pages: browse, search as you type, documents, and my list."""

import shutil

import pytest

from kiosk import create_kiosk_app, session_requests
from kiosk.config import CONTENT_DIR
from kiosk.throttling import limiter
from tests.http_client import code_on_page
from tests.library_fixture import write_library


@pytest.fixture
def app(settings, database, tmp_path):
    content = tmp_path / "content"
    for lang_dir in CONTENT_DIR.iterdir():
        for page in lang_dir.glob("*.md"):
            (content / lang_dir.name).mkdir(parents=True, exist_ok=True)
            shutil.copy(page, content / lang_dir.name / page.name)
    write_library(content)
    app = create_kiosk_app({**settings, "CONTENT_DIR": content})
    limiter.reset()
    return app


def test_browse_lists_occupations_and_filters(client):
    page = client.get("/nb/library").get_data(as_text=True)
    assert "Tømrer" in page and "Sveiser" in page and "Helsefagarbeider" in page
    page = client.get("/nb/library?no_certificate=1&in_prison=1").get_data(as_text=True)
    assert "Tømrer" in page and "Sveiser" not in page and "Helsefagarbeider" not in page
    page = client.get("/nb/library?sector=industry").get_data(as_text=True)
    assert "Sveiser" in page and "Tømrer" not in page


def test_other_kinds(client):
    assert "Fagskole" in client.get("/nb/library?kind=education").get_data(as_text=True)
    assert "Skriv en CV" in client.get("/nb/library?kind=guides").get_data(as_text=True)


def test_search_works_without_javascript_and_highlights(client):
    page = client.get("/nb/library?q=tomer").get_data(as_text=True)
    assert "<mark>Tømrer</mark>" in page
    assert '<form method="get" action="/nb/library" role="search"' in page


def test_htmx_search_returns_only_the_results(client):
    response = client.get("/en/library?q=sveiser", headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert page.startswith('<section id="library-results"')
    assert "<html" not in page and "Welder" in page
    assert len(response.data) < 10_000


def test_results_fall_back_with_their_own_lang(client):
    page = client.get("/ar/library?q=carpenter").get_data(as_text=True)
    assert 'lang="en"' in page and "Carpenter" in page


def test_document_page_shows_facts_and_fallback_body(client):
    page = client.get("/pl/library/occupations/welder").get_data(as_text=True)
    assert "Spawacz" in page
    assert "7212" in page
    assert '<div class="content library-body" lang="nb" dir="ltr">' in page
    assert 'class="notice" lang="pl"' in page
    assert 'href="/pl/library/occupations/carpenter"' in page  # related


def test_unknown_document_is_404(client):
    assert client.get("/nb/library/occupations/astronaut").status_code == 404
    assert client.get("/nb/library/spaceships/x").status_code == 404


def test_my_list_keeps_five_and_goes_to_the_request_form(client, db_session):
    for slug in ["carpenter", "welder"]:
        response = client.post(
            "/nb/library/my-list", data={"slug": slug, "action": "add"}
        )
        assert response.status_code == 303
    page = client.get("/nb/library/my-list").get_data(as_text=True)
    assert "Tømrer" in page and "Sveiser" in page
    form = client.get("/nb/request").get_data(as_text=True)
    assert 'name="occupations" value="carpenter" checked' in form
    response = client.post(
        "/nb/request",
        data={
            "name": "Ola",
            "unit": "A",
            "topics": ["occupations"],
            "session_format": "one-to-one",
            "conversation_language": "nb",
            "occupations": ["welder", "not-in-my-list"],
        },
    )
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    stored = session_requests.find_by_code(db_session, code_on_page(page))
    assert stored.occupation_list == ["welder"]


def test_my_list_holds_five_jobs_at_most(settings, database):
    from kiosk.views.inmate.visit import MY_LIST_MAX

    client = create_kiosk_app(settings).test_client()  # the real library
    slugs = ["carpenter", "welder", "cook", "cleaner", "electrician", "baker"]
    for slug in slugs:
        added = client.post("/nb/library/my-list", data={"slug": slug, "action": "add"})
        assert added.status_code == 303
    with client.session_transaction() as session:
        assert session["my_list"] == slugs[-MY_LIST_MAX:]  # the oldest went
    page = client.get("/nb/library/occupations/carpenter").get_data(as_text=True)
    assert "Listen din har fem yrker" in page
    assert 'name="action" value="add"' not in page
    kept = client.get("/nb/library/occupations/baker").get_data(as_text=True)
    assert 'name="action" value="remove"' in kept


def test_my_list_is_gone_after_the_idle_reset(client):
    client.post("/nb/library/my-list", data={"slug": "welder", "action": "add"})
    client.get("/reset")
    assert "Sveiser" not in client.get("/nb/library/my-list").get_data(as_text=True)


def test_my_list_refuses_unknown_jobs(client):
    response = client.post(
        "/nb/library/my-list", data={"slug": "../x", "action": "add"}
    )
    assert response.status_code == 400


def test_a_page_no_person_has_reviewed_says_so(settings, database, tmp_path):
    import shutil
    from datetime import date

    from kiosk import create_kiosk_app
    from kiosk.config import CONTENT_DIR, TRANSLATIONS_DIR
    from kiosk.i18n import review

    translations, content = tmp_path / "translations", tmp_path / "content"
    shutil.copytree(TRANSLATIONS_DIR, translations)
    shutil.copytree(CONTENT_DIR, content)
    (translations / "en" / review.REVIEW_FILE).unlink(missing_ok=True)
    done = review.review_of_page(content, "en", "guides/cv", "Kari", date(2026, 12, 5))
    review.record(translations, "en", done)
    app = create_kiosk_app(
        {**settings, "CONTENT_DIR": content, "TRANSLATIONS_DIR": translations}
    )
    client = app.test_client()
    note = 'class="review-note"'
    assert note not in client.get("/en/library/guides/cv").get_data(as_text=True)
    assert note in client.get("/en/library/guides/interview").get_data(as_text=True)
    assert note not in client.get("/nb/library/guides/interview").get_data(as_text=True)
