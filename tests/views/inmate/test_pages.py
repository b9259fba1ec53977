"""The inmate pages: start screen, guidance pages in every language, crawl, reset."""

import pytest

from kiosk.headers import CONTENT_SECURITY_POLICY
from tests.crawl import crawl, is_inside, read_page
from tests.served import LANGUAGES, SERVED

PAGES = ["", "guidance", "topics", "websites"]


def assert_closed_headers(response):
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "microphone=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["Cache-Control"] == "no-store"


def test_start_screen_lists_each_language_by_its_own_name(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for code, language in LANGUAGES.items():
        assert f'href="/{code}/"' in page
        assert f'lang="{code}" dir="{language.direction}"' in page
        assert language.name in page
    assert "flag" not in page.lower()


def test_crawl_every_page_from_the_start(client):
    responses = crawl(client, "/")
    assert len(responses) < 6000  # the crawl reached every page, not its limit
    expected = {f"/{lang}/{slug}" for lang in SERVED for slug in PAGES}
    assert expected <= set(responses)
    reset = responses.pop("/reset")  # "Start again": forgets, then the start screen
    assert (reset.status_code, reset.headers["Location"]) == (303, "/")
    for path, response in responses.items():
        assert response.status_code == 200, path
        assert_closed_headers(response)
        page = read_page(response.get_data(as_text=True))
        expected_lang = path.split("/")[1] or "nb"
        assert page.html_attributes["lang"] == expected_lang, path
        expected_dir = LANGUAGES[expected_lang].direction
        assert page.html_attributes["dir"] == expected_dir, path
        outside = [url for url in page.urls if not is_inside(url)]
        assert outside == [], path


@pytest.mark.parametrize("lang", SERVED)
def test_every_page_links_back_to_the_start_screen(client, lang):
    for slug in PAGES:
        page = client.get(f"/{lang}/{slug}").get_data(as_text=True)
        assert 'href="/" hx-boost="false"' in page


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("nb", "Hva karriereveiledning kan gjøre for deg"),
        ("en", "What career guidance can do for you"),
        ("ar", "ما الذي يمكن أن يقدّمه لك الإرشاد المهني"),
    ],
)
def test_home_page_is_in_the_reader_language(client, lang, title):
    page = client.get(f"/{lang}/").get_data(as_text=True)
    assert title in page
    assert 'class="icon-' in page


@pytest.mark.parametrize("lang", SERVED)
def test_topics_page_has_the_eight_booklet_topics_with_icons(client, lang):
    page = client.get(f"/{lang}/topics").get_data(as_text=True)
    assert page.count('<h2 class="icon-') == 8


@pytest.mark.parametrize("lang", SERVED)
def test_websites_are_plain_text_never_links(client, lang):
    page = client.get(f"/{lang}/websites").get_data(as_text=True)
    for address in ["utdanning.no", "vilbli.no", "nav.no", "karriereveiledning.no"]:
        assert f"<code>{address}</code>" in page
    assert '<a href="http' not in page
    assert page.count('<h2 class="icon-') >= 5


def test_home_address_redirects_to_the_language_root(client):
    response = client.get("/nb/home")
    assert response.status_code == 301
    assert response.headers["Location"] == "/nb/"


def test_reset_forgets_the_visit_and_goes_to_start(client):
    with client.session_transaction() as session:
        session["kept"] = "something"
    response = client.get("/reset")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    with client.session_transaction() as session:
        assert "kept" not in session


def test_pages_carry_the_idle_settings(settings, database):
    from kiosk import create_kiosk_app

    app = create_kiosk_app({**settings, "IDLE_SECONDS": 45, "IDLE_WARNING_SECONDS": 25})
    page = app.test_client().get("/en/").get_data(as_text=True)
    assert 'data-idle-seconds="45"' in page
    assert 'data-idle-warning-seconds="25"' in page
    assert 'data-reset-url="/reset"' in page
    assert '<dialog id="idle-dialog"' in page


def test_htmx_is_vendored_and_configured_without_eval(client):
    page = client.get("/en/").get_data(as_text=True)
    assert "vendor/htmx-2.0.11.min.js" in page
    assert "&#34;allowEval&#34;:false" in page
    assert "&#34;allowScriptTags&#34;:false" in page
    assert "&#34;historyCacheSize&#34;:0" in page
    assert "&#34;includeIndicatorStyles&#34;:false" in page
    assert '<body class="kiosk" hx-boost="true"' in page
    assert "<script>" not in page and " style=" not in page


def _set_offer(db_session, **answers):
    from kiosk import prison_offer

    offer = prison_offer.clean(prison_offer.Offer(**answers), SERVED)
    prison_offer.save(db_session, offer)
    db_session.commit()


@pytest.mark.parametrize("path", ["/nb/", "/nb/guidance"])
def test_without_an_offer_the_pages_promise_nothing(client, path):
    page = client.get(path).get_data(as_text=True)
    assert 'id="prison-offer"' in page
    assert 'class="offer-list"' not in page


def test_the_offer_shows_in_the_readers_language(client, db_session):
    _set_offer(
        db_session,
        one_to_one=True,
        groups=False,
        languages=["ar", "pl"],
        days=["tue"],
        place="Skolen",
        note="Velkommen",
        note_language="nb",
    )
    page = client.get("/pl/").get_data(as_text=True)
    offer = page[page.index('id="prison-offer"') : page.index("</section>")]
    assert offer.count("<li>") == 5  # one-to-one, groups, languages, day, place
    assert "wtorek" in offer  # Tuesday, in Polish
    assert '<bdi lang="ar">العربية</bdi>' in offer
    assert '<p class="offer-note" lang="nb" dir="ltr">Velkommen</p>' in offer


def test_a_change_of_the_offer_renews_a_cached_page(client, db_session):
    first = client.get("/nb/guidance").get_data(as_text=True)
    assert 'class="offer-list"' not in first
    _set_offer(db_session, groups=True)
    assert 'class="offer-list"' in client.get("/nb/guidance").get_data(as_text=True)


def test_the_glossary_lists_every_term_in_every_language(client):
    from kiosk.views import glossary_words

    with client.application.app_context():
        keys = glossary_words().keys()
    assert len(keys) >= 40
    for lang in ["nb", "en", "pl", "ar"]:
        page = client.get(f"/{lang}/glossary").get_data(as_text=True)
        assert all(f'<dt id="{key}">' in page for key in keys), lang


def test_a_term_explains_itself_where_it_is_first_used(client):
    page = client.get("/nb/library/education/praksiskandidat").get_data(as_text=True)
    assert page.count('popovertarget="term-fagbrev"') == 2  # the term, its close
    assert 'id="term-fagbrev" popover' in page
    assert 'href="/nb/glossary#fagbrev"' in page
