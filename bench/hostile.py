"""Figures under hostile load (issue 15): what tests bound as work, timed here.

- a long, unique search: CPU time per query (the test bounds its statements
  and word comparisons; this says what they cost);
- eight clients sending such searches: the p99 of other pages beside them;
- 150 idle connections held on the kiosk port: how long a counsellor's login
  on the staff port takes.
"""

import http.client
import random
import statistics
import tempfile
import threading
import time
import urllib.parse
from contextlib import ExitStack, closing
from pathlib import Path

from bench.load import percentile
from tests.live_server import (
    add_counsellor,
    connect,
    port_of,
    running_server,
    staff_login,
)

SHAPES = [(1, 200), (8, 24), (8, 12), (4, 7)]  # words x letters
SEARCH_CLIENTS = 8
OTHER_PAGES = ("/nb/", "/nb/topics", "/ar/library")
CROWD = 150


def unique_query(rng: random.Random, words: int, letters: int) -> str:
    alphabet = "abcdefghijklmnoprstuvyøåæ"
    return " ".join(
        "".join(rng.choice(alphabet) for _ in range(letters)) for _ in range(words)
    )[:200]


def long_unique_queries() -> dict:
    """CPU ms per long, unique query on the real library's index, per shape."""
    from kiosk.config import CONTENT_DIR, STATIC_DIR, TRANSLATIONS_DIR
    from kiosk.i18n.languages import load_languages
    from kiosk.i18n.page_language import chain_of
    from kiosk.library.documents import CareerLibrary
    from kiosk.library.markdown import MarkdownRenderer, icon_names
    from kiosk.library.search import Searcher, build_index

    served, _problems = load_languages(TRANSLATIONS_DIR)
    library = CareerLibrary(CONTENT_DIR, MarkdownRenderer(icon_names(STATIC_DIR)))
    path = Path(tempfile.mkdtemp(prefix="kiosk-bench-search-")) / "index.sqlite3"
    build_index(path, library, {code: chain_of(served, code) for code in served})
    searcher = Searcher(path)
    searcher.search("nb", "warm up")
    figures = {}
    for words, letters in SHAPES:
        rng = random.Random(f"{words}x{letters}")
        costs = []
        for _ in range(50):
            query = unique_query(rng, words, letters)
            started = time.thread_time()  # this thread's CPU, not the machine's
            searcher.search("nb", query)
            costs.append((time.thread_time() - started) * 1000)
        figures[f"{words}x{letters}"] = {
            "median_ms": round(statistics.median(costs), 2),
            "max_ms": round(max(costs), 2),
        }
    return figures


def _read_pages(port: int, seconds: float) -> list[float]:
    """Open OTHER_PAGES in turn for ``seconds``; return each latency in ms."""
    reader = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in OTHER_PAGES:
            started = time.perf_counter()
            reader.request("GET", path)
            reader.getresponse().read()
            latencies.append((time.perf_counter() - started) * 1000)
    reader.close()
    return latencies


def pages_beside_searching_clients() -> dict:
    """p99 of other pages, alone and beside SEARCH_CLIENTS unique searchers."""
    data_dir = Path(tempfile.mkdtemp(prefix="kiosk-bench-hostile-"))
    with running_server(data_dir) as server:
        port = port_of(server.kiosk_url)
        quiet = _read_pages(port, 2)  # also warms the pages
        quiet = _read_pages(port, 4)
        stop = threading.Event()
        searches = []

        def search_client(seed: int) -> None:
            rng = random.Random(seed)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while not stop.is_set():
                query = urllib.parse.urlencode({"q": unique_query(rng, 8, 24)})
                connection.request(
                    "GET", f"/nb/library?{query}", headers={"HX-Request": "true"}
                )
                connection.getresponse().read()
                searches.append(1)
            connection.close()

        clients = [
            threading.Thread(target=search_client, args=(n,))
            for n in range(SEARCH_CLIENTS)
        ]
        for thread in clients:
            thread.start()
        busy = _read_pages(port, 4)
        stop.set()
        for thread in clients:
            thread.join()
        server.stop()
    return {
        "quiet_p99_ms": round(percentile(quiet, 0.99), 1),
        "beside_searches_p99_ms": round(percentile(busy, 0.99), 1),
        "searches_per_second": round(len(searches) / 4),
    }


def staff_login_beside_idle_crowd() -> dict:
    """ms for a staff login while CROWD idle connections hold the kiosk port."""
    data_dir = Path(tempfile.mkdtemp(prefix="kiosk-bench-crowd-"))
    with running_server(data_dir, KIOSK_CONNECTIONS_PER_ADDRESS="1000") as server:
        add_counsellor(data_dir)
        staff_login(server.staff_url)  # warm
        alone = []
        for _ in range(5):
            started = time.perf_counter()
            staff_login(server.staff_url)
            alone.append((time.perf_counter() - started) * 1000)
        with ExitStack() as held:
            crowd = [
                held.enter_context(closing(connect(server.kiosk_url, "127.0.0.2")))
                for _ in range(CROWD)
            ]
            for sock in crowd[::2]:
                sock.sendall(b"GET /nb/ HTTP/1.1\r\nHost: kiosk\r\n\r\n")
            time.sleep(0.5)
            crowded = []
            for _ in range(5):
                started = time.perf_counter()
                staff_login(server.staff_url)
                crowded.append((time.perf_counter() - started) * 1000)
        server.stop()
    return {
        "login_ms_alone": round(statistics.median(alone), 1),
        "login_ms_beside_crowd": round(statistics.median(crowded), 1),
        "idle_connections": CROWD,
    }


def measure() -> dict:
    return {
        "long_unique_queries": long_unique_queries(),
        "pages_beside_searches": pages_beside_searching_clients(),
        "staff_login": staff_login_beside_idle_crowd(),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))
