"""The page cache: keyed on what a page uses, bounded in pages and in bytes."""

import http.client
import itertools
import threading
import time
import urllib.parse

from kiosk.library.documents import INTERESTS, SECTORS
from kiosk.page_cache import PageCache
from tests.live_server import running_server
from tests.served import SERVED


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
        client.get(f"/nb/library?q=word{number}", headers={"HX-Request": "true"})
    assert len(cached(app, "kiosk.search_pages")) == 30
    assert len(cached(app)) == 1  # searches never push a guidance page out


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
