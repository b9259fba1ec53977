"""The page cache: keyed on what a page uses, bounded in pages and in bytes."""

import http.client
import itertools
import re
import threading
import time
import urllib.parse

from flask import url_for

from kiosk import create_kiosk_app
from kiosk.library.documents import INTERESTS, SECTORS
from kiosk.page_cache import MAX_SEARCH_BYTES, MAX_SEARCH_PAGES, PageCache
from tests.http_client import code_on_page
from tests.live_server import running_server
from tests.served import SERVED

HTMX = {"HX-Request": "true"}


def cached(app, name="kiosk.pages") -> PageCache:
    return app.extensions[name]


def test_unknown_parameters_do_not_make_new_pages(app, client):
    """F6: ?x=1, ?x=2, ... are one page, not one entry each."""
    for number in range(50):
        assert client.get(f"/nb/?x={number}").status_code == 200
        assert client.get(f"/ru/library?x={number}&kind=nonsense").status_code == 200
        assert client.get(f"/en/library/guides/cv?x={number}").status_code == 200
    assert len(cached(app)) == 3


def test_the_library_is_kept_under_the_values_it_uses(app, client):
    first = client.get("/nb/library?sector=industry&in_prison=1").get_data()
    same = client.get("/nb/library?in_prison=1&sector=industry&x=y").get_data()
    assert first == same
    other = client.get("/nb/library?sector=industry").get_data()
    assert other != first
    assert len(cached(app)) == 2


def test_typed_searches_have_their_own_small_cache(app, client):
    client.get("/nb/")
    for number in range(30):
        response = client.get(
            f"/nb/library?q=word{number}", headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
    searches = cached(app, "kiosk.search_pages")
    assert len(searches) == 30
    assert len(cached(app)) == 1  # searches never push a guidance page out
    assert (searches.max_pages, searches.max_bytes) == (
        MAX_SEARCH_PAGES,
        MAX_SEARCH_BYTES,
    )


def test_the_cache_is_bounded_in_pages_and_bytes():
    pages = PageCache(max_pages=10, max_bytes=1000)
    for number in range(100):
        pages.put(number, b"x" * 150)
    assert len(pages) == 6 and pages.bytes == 900
    assert pages.get(99) == b"x" * 150 and pages.get(0) is None
    pages.put("huge", b"x" * 5000)  # bigger than the whole cache: not kept
    assert pages.get("huge") is None and pages.bytes <= 1000


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _distinct_query_strings() -> list[tuple[str, dict]]:
    """10,000 addresses, each with a query string not seen before."""
    paths = [(f"/ru/library?x={n}", {}) for n in range(1500)]
    paths += [(f"/ar/?x={n}", {}) for n in range(1300)]
    paths += [(f"/uk/library/occupations/welder?x={n}", {}) for n in range(1500)]
    for n in range(3000):
        query = urllib.parse.quote(f"слово{n}")
        headers = {"HX-Request": "true"} if n % 2 else {}
        paths.append((f"/ru/library?q={query}", headers))
    combinations = itertools.product(
        SERVED,
        SECTORS,
        INTERESTS,
        ("", "&no_certificate=1", "&in_prison=1&apprenticeship=1"),
    )
    for lang, sector, interest, flags in itertools.islice(combinations, 3000):
        query = f"sector={sector}&interest={interest}{flags}"
        paths.append((f"/{lang}/library?{query}", {}))
    return paths


def test_memory_stays_bounded_while_a_client_sends_10000_query_strings(tmp_path):
    """F6: the README's 150 MB, measured on the real server while it is loaded."""
    paths = _distinct_query_strings()
    assert len({path for path, _headers in paths}) >= 10_000
    with running_server(tmp_path) as server:
        port = int(server.kiosk_url.rsplit(":", 1)[1])
        failures: list = []

        def client(share):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for path, headers in share:
                connection.request("GET", path, headers=headers)
                answer = connection.getresponse()
                answer.read()
                if answer.status != 200:
                    failures.append((path, answer.status))
            connection.close()

        clients = [
            threading.Thread(target=client, args=(paths[i::4],)) for i in range(4)
        ]
        for thread in clients:
            thread.start()
        highest = 0.0
        while any(thread.is_alive() for thread in clients):
            highest = max(highest, _rss_mb(server.process.pid))
            time.sleep(0.1)
        highest = max(highest, _rss_mb(server.process.pid))
        assert server.stop() == 0
    assert failures == []
    assert highest < 150, f"{highest:.0f} MB"


def test_the_settings_version_is_read_once_per_interval():
    from kiosk.page_cache import SettingsVersion

    reads = []

    def read():
        reads.append(1)
        return len(reads)

    version = SettingsVersion(read, seconds=3600)
    assert version() == 1 and version() == 1
    assert len(reads) == 1
    assert SettingsVersion(read, seconds=0)() == 2


# One visit's data never reaches the next visit through the page cache. Visit A
# keeps a job, types into forms (with errors), gets codes; then A and B walk every
# GET route of the kiosk, in several languages, with and without HX-Request.
PRIVACY_LANGS = ("nb", "pl", "ar", "ti")
MARKERS = ("Markørnavn Zyx", "Hemmeligmelding", "Avdeling Qx", "Tilbakemeldingsord")
WRONG_CODE = "QQQQ-7777"
NOT_WALKED = {"static", "listen.audio_file", "pages.reset", "pages.still_here"}


def _visit_a_leaves_traces(client, event_id: int) -> list[str]:
    """Do what one inmate does; return the codes the visit was given."""
    client.post("/nb/library/my-list", data={"slug": "welder", "action": "add"})
    person = {"name": MARKERS[0], "unit": MARKERS[2]}
    failed = client.post(
        "/ar/request",
        data={**person, "session_format": "one-to-one", "message": MARKERS[1]},
    )
    assert failed.status_code == 422 and MARKERS[1] in failed.get_data(as_text=True)
    sent = client.post(
        "/nb/request",
        data={
            **person,
            "topics": ["cv"],
            "session_format": "one-to-one",
            "conversation_language": "nb",
            "message": MARKERS[1],
        },
        follow_redirects=True,
    )
    signed = client.post(f"/pl/events/{event_id}", data=person, follow_redirects=True)
    codes = [code_on_page(page.get_data(as_text=True)) for page in (sent, signed)]
    assert all(codes)
    wrong = client.post("/nb/status", data={"code": WRONG_CODE})
    assert WRONG_CODE in wrong.get_data(as_text=True)
    client.post("/ti/feedback", data={"rating": "9", "missing": MARKERS[3]})
    return codes


def _addresses(app, event_id: int) -> tuple[set[str], list[str]]:
    """Return the endpoints walked and an address for each, in every language."""
    pages = app.extensions["kiosk.guidance_pages"]
    values = {
        "pages.page": [{"slug": slug} for slug in pages.slugs() if slug != "home"],
        "library.document": [
            {"kind": "occupations", "slug": "welder"},
            {"kind": "education", "slug": "apprenticeship"},
            {"kind": "guides", "slug": "cv"},
        ],
        "library.index": [
            {},
            {"q": "sveis"},
            {"kind": "guides"},
            {"sector": "industry"},
        ],
        "events.event": [{"event_id": event_id}],
    }
    endpoints, addresses = set(), []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in NOT_WALKED:
                continue
            endpoints.add(rule.endpoint)
            for lang in PRIVACY_LANGS:
                for extra in values.get(rule.endpoint, [{}]):
                    arguments = {"lang": lang} if "lang" in rule.arguments else {}
                    addresses.append(url_for(rule.endpoint, **arguments, **extra))
    return endpoints, sorted(set(addresses))


def test_one_visit_never_sees_another_visits_data(whole_app, db_session):
    from datetime import UTC, datetime, timedelta

    from kiosk import events

    app = whole_app
    event = events.create(
        db_session,
        "anne",
        "employer-visit",
        {"nb": "Besøk"},
        datetime.now(UTC) + timedelta(days=5),
        "Skolen",
        5,
        [],
    )
    visit_a, visit_b = app.test_client(), app.test_client()
    codes = _visit_a_leaves_traces(visit_a, event.id)
    endpoints, addresses = _addresses(app, event.id)
    cached_routes = {"pages.home", "pages.page", "pages.glossary", "pages.start"}
    cached_routes |= {"library.index", "library.document"}
    assert cached_routes <= endpoints  # every cached route is walked
    for headers in ({}, {"HX-Request": "true"}):
        for address in addresses:  # A first: what the cache keeps, A rendered
            visit_a.get(address, headers=headers)
        for address in addresses:
            response = visit_b.get(address, headers=headers)
            assert response.status_code in (200, 303), address
            page = response.get_data(as_text=True)
            for trace in (*MARKERS, *codes, WRONG_CODE):
                assert trace not in page, (address, headers, trace)
            assert 'name="action" value="remove"' not in page, address
    assert len(cached(app)) > 4 * len(cached_routes)  # the cache was in use
    strangers = app.test_client(use_cookies=False)  # each request a new visit
    for headers in ({}, HTMX):
        for _ in range(3):  # read the version, keep whole, answer from what's kept
            for address in addresses:
                page = strangers.get(address, headers=headers).get_data(as_text=True)
                for trace in (*MARKERS, *codes, WRONG_CODE):
                    assert trace not in page, (address, headers, trace)
    assert len(cached(app, "kiosk.whole_pages")) > 4 * len(cached_routes)


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]


def test_a_blank_form_is_kept_once_and_each_visit_gets_its_own_token(
    settings, database
):
    app = create_kiosk_app({**settings, "WTF_CSRF_ENABLED": True})
    first, second = app.test_client(), app.test_client()
    kept = len(cached(app))
    pages = [
        client.get("/pl/status").get_data(as_text=True) for client in (first, second)
    ]
    assert len(cached(app)) == kept + 1  # one page for both visits
    tokens = [_token(page) for page in pages]
    assert tokens[0] != tokens[1]
    assert pages[0].replace(tokens[0], "") == pages[1].replace(tokens[1], "")
    for client, token in zip((first, second), tokens, strict=True):
        answer = client.post("/pl/status", data={"code": "ABC", "csrf_token": token})
        assert answer.status_code != 400  # the token is this visit's and works
    stolen = second.post("/pl/status", data={"code": "ABC", "csrf_token": tokens[0]})
    assert stolen.status_code == 400  # another visit's token does not


def test_the_request_form_with_kept_jobs_is_rendered_for_the_visit(client, app):
    blank = client.get("/nb/request").get_data(as_text=True)
    assert 'name="occupations"' not in blank
    client.post("/nb/library/my-list", data={"slug": "welder", "action": "add"})
    kept = client.get("/nb/request").get_data(as_text=True)
    assert 'name="occupations" value="welder"' in kept
    assert 'name="occupations"' not in app.test_client().get("/nb/request").get_data(
        as_text=True
    )


def test_the_my_list_button_is_kept_with_a_hole_for_each_visits_token(
    settings, database
):
    app = create_kiosk_app({**settings, "WTF_CSRF_ENABLED": True})
    first, second = app.test_client(), app.test_client()
    address = "/nb/library/occupations/welder"
    pages = [client.get(address).get_data(as_text=True) for client in (first, second)]
    tokens = [_token(page) for page in pages]
    assert tokens[0] != tokens[1]
    assert pages[0].replace(tokens[0], "") == pages[1].replace(tokens[1], "")
    keep = {"slug": "welder", "action": "add"}
    added = first.post("/nb/library/my-list", data={**keep, "csrf_token": tokens[0]})
    assert added.status_code == 303
    kept = first.get(address).get_data(as_text=True)
    assert 'name="action" value="remove"' in kept  # this visit's state, not cached
    again = second.get(address).get_data(as_text=True)
    assert 'name="action" value="add"' in again
    refused = second.post("/nb/library/my-list", data={**keep, "csrf_token": tokens[0]})
    assert refused.status_code == 400


def test_a_clear_forgets_every_page_and_refuses_pages_rendered_before_it():
    pages = PageCache(max_pages=10, max_bytes=1000)
    pages.put("a", b"x" * 100)
    pages.put("b", b"y" * 50)
    generation = pages.generation
    pages.clear()
    assert (len(pages), pages.bytes) == (0, 0)
    assert pages.get("a") is None and pages.generation == generation + 1
    pages.put("late", b"z", generation)  # rendered before the clear
    assert pages.get("late") is None
    pages.put("fresh", b"z" * 10, pages.generation)
    assert pages.get("fresh") == b"z" * 10 and pages.bytes == 10
    pages.put("fresh", b"z" * 30)  # a page kept again replaces the old one
    assert len(pages) == 1 and pages.bytes == 30
    generation = pages.generation
    pages.clear()  # every clear counts, not only the first
    pages.put("late", b"z", generation)
    assert pages.get("late") is None


def test_a_full_cache_keeps_exactly_its_pages_and_bytes():
    pages = PageCache(max_pages=3, max_bytes=300)
    for key in "abc":
        pages.put(key, b"x" * 100)
    assert len(pages) == 3 and pages.bytes == 300
    single = PageCache(max_pages=3, max_bytes=300)
    single.put("whole", b"y" * 300)  # exactly the cache's size: kept
    assert single.get("whole") == b"y" * 300


def test_a_piece_is_kept_per_language_state_and_settings_version(app):
    from flask import g
    from flask_wtf.csrf import generate_csrf

    from kiosk.page_cache import cached_piece

    renders, versions = [], iter([1, 1, 1, 1, 2, 2, 2])
    app.extensions["kiosk.settings_version"] = lambda: next(versions)

    def piece(lang, state):
        with app.test_request_context(f"/{lang}/"):
            g.lang = lang

            def render():
                renders.append((lang, state))
                return f"<form>{lang} {state} {generate_csrf()}</form>"

            return cached_piece(render, state).decode(), generate_csrf()

    page, token = piece("nb", "add")
    assert page == f"<form>nb add {token}</form>"
    assert piece("nb", "add")[0].startswith("<form>nb add ")
    assert piece("pl", "add")[0].startswith("<form>pl add ")
    assert piece("nb", "remove")[0].startswith("<form>nb remove ")
    assert renders == [("nb", "add"), ("pl", "add"), ("nb", "remove")]
    piece("nb", "add")  # the settings changed: rendered again
    assert renders[-1] == ("nb", "add") and len(renders) == 4


def test_a_piece_rendered_while_the_cache_is_cleared_is_not_kept(app):
    from flask import g

    from kiosk.page_cache import cached_piece

    renders = []

    def render():
        renders.append(1)
        cached(app).clear()  # new read-aloud audio came while this rendered
        return "<p>piece</p>"

    for _ in range(2):
        with app.test_request_context("/nb/"):
            g.lang = "nb"
            assert cached_piece(render, "add") == b"<p>piece</p>"
    assert len(renders) == 2


def test_a_blank_form_is_kept_per_parameters(app):
    from kiosk.page_cache import cached_blank_form

    renders = []

    def form(parameter):
        with app.test_request_context("/nb/request"):

            def render():
                renders.append(parameter)
                return f"<form>{parameter}</form>"

            return cached_blank_form(render, parameter)

    assert form("a") == b"<form>a</form>"
    assert form("b") == b"<form>b</form>"
    assert form("a") == b"<form>a</form>"
    assert renders == ["a", "b"]


def test_the_settings_version_is_read_again_after_exactly_its_interval(monkeypatch):
    from flask import Flask

    from kiosk import page_cache

    clock = [100.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    reads = []

    def read():
        reads.append(clock[0])
        return len(reads)

    every_time = page_cache.SettingsVersion(read, seconds=0)
    assert (every_time(), every_time()) == (1, 2)  # no time passed: still read
    configured, default = Flask("configured"), Flask("default")
    configured.config["SETTINGS_RECHECK_SECONDS"] = 5
    versions = []
    for app in (configured, default):
        page_cache.init_app(app, read)
        versions.append(app.extensions["kiosk.settings_version"])
    assert [version() for version in versions] == [3, 4]
    clock[0] = 101.0  # one second later: only the default interval is over
    assert [version() for version in versions] == [3, 5]
    clock[0] = 105.0
    assert [version() for version in versions] == [6, 7]


def test_a_fresh_render_is_never_kept(app):
    from flask import g

    from kiosk.page_cache import cached_render

    renders = []

    def render():
        renders.append(1)
        return "<p>side</p>"

    for _ in range(2):
        with app.test_request_context("/nb/"):
            g.fresh_render = True  # the read-aloud plan reads the page itself
            assert cached_render(render) == b"<p>side</p>"
    assert len(renders) == 2 and len(cached(app)) == 0
    with app.test_request_context("/nb/"):
        g.fresh_render = True
        assert cached_render(lambda: 302) == 302  # not a page: passed on


def test_a_page_is_rendered_again_for_new_settings_or_after_a_clear(app):
    from kiosk.page_cache import cached_render

    versions = iter([1, 1, 2, 2, 2])
    app.extensions["kiosk.settings_version"] = lambda: next(versions)
    renders = []

    def render():
        renders.append(1)
        if len(renders) == 2:
            cached(app).clear()  # new read-aloud audio while this rendered
        return "<p>page</p>"

    for _ in range(5):
        with app.test_request_context("/nb/"):
            assert cached_render(render) == b"<p>page</p>"
    # version 1: rendered, then kept; version 2: rendered (a clear came
    # meanwhile, so not kept), rendered again, then kept
    assert len(renders) == 3
