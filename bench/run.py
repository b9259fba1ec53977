"""``make bench``: speed and memory of the real server, printed and saved as JSON.

Every figure comes from this run on this machine: the kiosk and a bare Flask app
are measured under the same waitress settings, so their ratio is meaningful.
"""

import contextlib
import http.client
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import hostile, internals, page_costs  # noqa: E402
from bench.load import CLIENTS, Request, load, percentile  # noqa: E402
from tests.http_client import code_on_page  # noqa: E402
from tests.live_server import (  # noqa: E402
    add_event,
    free_port,
    running_server,
    wait_until_up,
)

SEARCH_DOCUMENTS = 5000
SESSION_REQUESTS = 1000
OUTPUT = ROOT / "bench-output" / "bench.json"
NO_LIMITS = {
    "KIOSK_REQUEST_LIMIT": "10000000/hour",
    "KIOSK_STATUS_LIMIT": "10000000/hour",
    "KIOSK_FEEDBACK_LIMIT": "10000000/hour",
}
# The mix of issue 13: what inmates open most, in the languages they read.
PAGES = {
    "home nb": Request("/nb/"),
    "occupation pl": Request("/pl/library/occupations/welder"),
    "search ar (HTMX)": Request(
        "/ar/library?q=" + urllib.parse.quote("نجار"), headers={"HX-Request": "true"}
    ),
    "request form, new visitor": Request("/nb/request"),
    "education nb": Request("/nb/library/education/apprenticeship"),
    "guidance ti": Request("/ti/topics"),
    "status page": Request("/nb/status"),
    "glossary uk": Request("/uk/glossary"),
}
MIX = list(PAGES.values())
# Typed searches no one typed before: nothing to take from the page cache.
NEW_SEARCHES = Request("/nb/library?q=sveis+{n}", headers={"HX-Request": "true"})
NEW_SEARCH_ROW = "search nb, a new query each time (HTMX)"
# Of the 50 clients, this many send one kind of request while the rest browse;
# the targets for a submission and a new search are measured so (README).
FEW = 5
STRESS = "all 50 at once: no target"


def fetch(url: str, headers: dict | None = None) -> bytes:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request(
        "GET",
        parts.path + (f"?{parts.query}" if parts.query else ""),
        headers=headers or {},
    )
    body = connection.getresponse().read()
    connection.close()
    return body


def first_visit_bytes(base: str) -> dict:
    """Bytes of a first visit to a page: HTML, CSS, JS, fonts its language uses."""
    html = fetch(base + "/nb/")
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    css = sum(len(fetch(base + a.decode())) for a in assets if a.endswith(b".css"))
    js = sum(len(fetch(base + a.decode())) for a in assets if a.endswith(b".js"))
    fonts = sum(
        len(
            fetch(
                base
                + "/static/"
                + html.split(b"/static/")[1].split(b"/")[0].decode()
                + f"/fonts/{name}"
            )
        )
        for name in (
            "noto-sans-latin-400-normal.woff2",
            "noto-sans-latin-700-normal.woff2",
        )
    )
    version = html.split(b"/static/")[1].split(b"/")[0].decode()
    names = sorted(set(re.findall(rb"icon-([a-z0-9-]+)", html)))
    icons = [fetch(f"{base}/static/{version}/icons/{n.decode()}.svg") for n in names]
    later = len(fetch(base + "/nb/topics"))
    swap = len(fetch(base + "/nb/library?q=tomrer", {"HX-Request": "true"}))
    return {
        "html": len(html),
        "css": css,
        "js": js,
        "first_visit_without_fonts": len(html) + css + js,
        "fonts_latin": fonts,
        "icons": len(icons),
        "icon_bytes": sum(len(icon) for icon in icons),
        "later_page_html": later,
        "htmx_search_swap": swap,
    }


def search_latency() -> dict:
    """p50/p95 of library searches with SEARCH_DOCUMENTS documents in the index."""
    from kiosk.config import CONTENT_DIR, STATIC_DIR, TRANSLATIONS_DIR
    from kiosk.i18n.languages import load_languages
    from kiosk.i18n.page_language import chain_of
    from kiosk.library.documents import CareerLibrary, Document, Text
    from kiosk.library.markdown import MarkdownRenderer, icon_names
    from kiosk.library.search import Searcher, build_index

    library = CareerLibrary(CONTENT_DIR, MarkdownRenderer(icon_names(STATIC_DIR)))
    served = load_languages(TRANSLATIONS_DIR)[0]
    chains = {code: chain_of(served, code) for code in served}
    real = list(library.documents.values())
    per_language = len(real)
    extra = max(0, SEARCH_DOCUMENTS // len(chains) - per_language)
    words = " ".join(t.summary for d in real for t in d.texts.values()).split()
    for number in range(extra):
        base = real[number % len(real)]
        text = base.texts["nb"]
        filler = " ".join(words[(number * 7 + k) % len(words)] for k in range(60))
        library.documents[("occupations", f"generated-{number}")] = Document(
            "occupations",
            f"generated-{number}",
            dict(base.facts),
            {
                "nb": Text(
                    "nb",
                    f"{text.title} {number}",
                    text.summary,
                    f"<p>{filler}</p>",
                    "",
                    text.path,
                )
            },
        )
    path = Path(tempfile.mkdtemp()) / "index.sqlite3"
    rows = build_index(path, library, chains)
    searcher = Searcher(path)
    queries = [
        "tømrer",
        "tomer",
        "sveis",
        "welder",
        "lager",
        "truck",
        "kokk",
        "helse",
        "barn",
        "fagbrev",
        "cv",
        "nav",
        "praksiskandidat",
        "elektriker",
        "kjøkken",
    ]
    timings = []
    for round_number in range(20):
        for query in queries:
            lang = list(chains)[round_number % len(chains)]
            started = time.perf_counter()
            searcher.search(lang, query)
            timings.append((time.perf_counter() - started) * 1000)
    return {
        "documents_indexed": rows,
        "searches": len(timings),
        "p50_ms": round(percentile(timings, 0.50), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
    }


def session_requests(base: str) -> dict:
    """SESSION_REQUESTS form submissions at once: time, errors, distinct codes."""

    def submit(number: int) -> str | None:
        parts = urllib.parse.urlsplit(base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        try:
            connection.request("GET", "/en/request")
            response = connection.getresponse()
            page = response.read().decode()
            cookie = response.getheader("Set-Cookie", "").split(";")[0]
            token = re.search(
                r'name="csrf_token" type="hidden" value="([^"]+)"', page
            ).group(1)
            body = urllib.parse.urlencode(
                {
                    "csrf_token": token,
                    "name": f"Bench {number}",
                    "unit": "A",
                    "topics": "cv",
                    "session_format": "one-to-one",
                    "conversation_language": "en",
                }
            )
            connection.request(
                "POST",
                "/en/request",
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": cookie,
                },
            )
            answer = connection.getresponse()
            answer.read()
            if answer.status != 303:
                return None
            # The code is not in the address: the visit's own page shows it.
            cookie = (answer.getheader("Set-Cookie") or cookie).split(";")[0]
            connection.request(
                "GET", answer.getheader("Location"), None, {"Cookie": cookie}
            )
            shown = connection.getresponse().read().decode()
            return code_on_page(shown)
        except OSError:
            return None
        finally:
            connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        codes = list(pool.map(submit, range(SESSION_REQUESTS)))
    elapsed = time.perf_counter() - started
    received = [code for code in codes if code]
    return {
        "submitted": SESSION_REQUESTS,
        "seconds": round(elapsed, 2),
        "errors": SESSION_REQUESTS - len(received),
        "distinct_codes": len(set(received)),
    }


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1)


@contextlib.contextmanager
def hello_server(threads: int):
    """Run the bare Flask "hello" under waitress with ``threads``; yield its port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "hello.py"), str(port), str(threads)]
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/")
        yield port
    finally:
        process.terminate()
        process.wait()


def warm(port: int, requests: list[Request]) -> None:
    """Warm a server the same way for every run: a short load of what it serves."""
    load(port, requests, seconds=2)


def form_session(base: str, path: str) -> tuple[str, str]:
    """Open a form as a new visitor; return the session cookie and CSRF token."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    page = response.read().decode()
    connection.close()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    return cookie, token


def _form_body(fields: dict) -> str:
    """Return a form body; "{n}" stays for the load to number each request."""
    return urllib.parse.urlencode(fields, doseq=True).replace("%7Bn%7D", "{n}")


def posts(base: str, database_url: str) -> dict[str, list[Request]]:
    """The four forms an inmate sends, each ready to be posted again and again."""
    from tests.http_client import submit_request

    cookie, token = form_session(base, "/nb/request")
    headers = {"Cookie": cookie}
    person = {"csrf_token": token, "name": "Bench {n}", "unit": "Avdeling A"}
    code = submit_request(base, "Bench status")
    event_id = add_event(database_url, places=500)
    return {
        "request submission": [
            Request(
                "/nb/request",
                "POST",
                headers,
                _form_body(
                    {
                        **person,
                        "topics": ["cv", "pay"],
                        "session_format": "one-to-one",
                        "conversation_language": "nb",
                        "message": "Jeg vil snakke om fagbrev.",
                    }
                ),
            )
        ],
        "status lookup": [
            Request(
                "/nb/status",
                "POST",
                headers,
                _form_body({"csrf_token": token, "code": code}),
            )
        ],
        "event sign-up": [
            Request(f"/nb/events/{event_id}", "POST", headers, _form_body(person))
        ],
        "feedback": [
            Request(
                "/nb/feedback",
                "POST",
                headers,
                _form_body({"csrf_token": token, "rating": "4", "helped": "cv"}),
            )
        ],
    }


def beside_the_mix(port: int, requests: list[Request]) -> dict:
    """FEW clients send ``requests`` while the other clients browse the mix.

    All clients posting forms, or all typing a new search, at once is a stress
    the rows above show; an inmate sends one request among many pages.
    """
    with ThreadPoolExecutor(2) as pool:
        few = pool.submit(load, port, requests, clients=FEW)
        browsing = pool.submit(load, port, MIX, clients=CLIENTS - FEW)
        return {"few": few.result(), "browsing": browsing.result()}


def measure_kiosk(threads: int) -> dict:
    """The mix, each page alone and each form, against hello on the same waitress."""
    data_dir = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    environment = {**NO_LIMITS, "KIOSK_THREADS": str(threads)}
    with contextlib.ExitStack() as running:
        started = time.perf_counter()
        server = running.enter_context(running_server(data_dir, **environment))
        cold_start = time.perf_counter() - started
        hi = running.enter_context(hello_server(threads))
        port = int(server.kiosk_url.rsplit(":", 1)[1])
        warm(port, MIX)
        warm(hi, [Request("/")])
        hello = load(hi, [Request("/")])
        print(f"hello: {hello}", flush=True)
        mix = load(port, MIX)
        print(f"mix: {mix}", flush=True)
        pages = {}
        for name, request in PAGES.items():
            pages[name] = load(port, [request])
            print(f"{name}: {pages[name]}", flush=True)
        pages[NEW_SEARCH_ROW] = load(port, [NEW_SEARCHES])
        forms = {}
        database_url = f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
        sent = posts(server.kiosk_url, database_url)
        for name, requests in sent.items():
            forms[name] = load(port, requests)
            print(f"{name}: {forms[name]}", flush=True)
        beside = {
            "request submission": beside_the_mix(port, sent["request submission"]),
            NEW_SEARCH_ROW: beside_the_mix(port, [NEW_SEARCHES]),
        }
        print(f"beside the mix: {beside}", flush=True)
        sizes = first_visit_bytes(server.kiosk_url)
        submissions = session_requests(server.kiosk_url)
        memory = rss_mb(server.process.pid)
        server.stop()
    started = time.perf_counter()  # again, with the data folder the first start made
    with running_server(data_dir, **environment):
        restart = time.perf_counter() - started
    return {
        "hello": hello,
        "mix": mix,
        "pages": pages,
        "forms": forms,
        "beside_the_mix": beside,
        "bytes": sizes,
        "session_requests": submissions,
        "server_rss_mb_after_load": memory,
        "cold_start_seconds": round(cold_start, 2),
        "restart_seconds": round(restart, 2),
    }


def measure_central(threads: int) -> dict | None:
    """Request submissions on two kiosk processes sharing one PostgreSQL server."""
    from tests import postgres

    if postgres.binaries() is None:
        print("PostgreSQL is not installed: no central-install figures", flush=True)
        return None
    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-central-"))
    (folder / "secret_key").write_text("the central install's shared secret\n")
    with postgres.running_postgres() as base_url:
        postgres.wait_for(base_url)
        postgres.admin(base_url, "CREATE DATABASE kiosk_bench")
        url = f"{base_url}/kiosk_bench"
        from kiosk import db

        db.migrate(url)
        db.engine_for(url).dispose()
        environment = {
            **NO_LIMITS,
            "KIOSK_THREADS": str(threads),
            "KIOSK_DATABASE_URL": url,
            "KIOSK_SECRET_KEY_FILE": str(folder / "secret_key"),
            "KIOSK_LISTENERS": "kiosk",
        }
        (folder / "one").mkdir()
        (folder / "two").mkdir()
        with (
            running_server(folder / "one", **environment) as one,
            running_server(folder / "two", **environment) as two,
        ):
            ports = [int(s.kiosk_url.rsplit(":", 1)[1]) for s in (one, two)]
            submissions = [
                posts(s.kiosk_url, url)["request submission"] for s in (one, two)
            ]
            for port, requests in zip(ports, submissions, strict=True):
                warm(port, requests)
            with ThreadPoolExecutor(2) as pool:
                both = list(pool.map(load, ports, submissions))
            print(f"central: {both}", flush=True)
            for port in ports:
                warm(port, MIX)
            with ThreadPoolExecutor(2) as pool:
                pages = list(pool.map(load, ports, [MIX, MIX]))
            print(f"central pages: {pages}", flush=True)
    return {
        "processes": both,
        "requests_per_second": round(sum(r["requests_per_second"] for r in both), 1),
        "p99_ms": max(r["p99_ms"] for r in both),
        "errors": sum(r["errors"] for r in both),
        "mix_requests_per_second": round(
            sum(r["requests_per_second"] for r in pages), 1
        ),
        "mix_p99_ms": max(r["p99_ms"] for r in pages),
        "mix_errors": sum(r["errors"] for r in pages),
    }


def read_aloud_audio(audio_dir: Path) -> dict:
    """Render the read-aloud audio of every voiced language into ``audio_dir``.

    The first language is rendered from nothing (the whole library in one
    language); the others add only the files they do not share with it.
    """
    from kiosk import create_kiosk_app, db
    from kiosk.i18n.page_language import languages_of
    from kiosk.library import speech
    from kiosk.views.inmate import listen

    data_dir = Path(tempfile.mkdtemp(prefix="kiosk-bench-audio-"))
    url = f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
    db.migrate(url)
    app = create_kiosk_app(
        {
            "DATA_DIR": data_dir,
            "DATABASE_URL": url,
            "SECRET_KEY_FILE": data_dir / "secret_key",
            "AUDIO_DIR": audio_dir,
        }
    )
    library = app.extensions["kiosk.audio"]
    voiced = [code for code, lang in languages_of(app).items() if lang.voice]
    wanted = os.environ.get("BENCH_AUDIO_LANGUAGES", " ".join(voiced)).split()
    results = {}
    for lang in wanted:
        started = time.perf_counter()
        planned = listen.plan(app, [lang])
        missing = library.missing(planned)
        made, problems = speech.render_all(missing, audio_dir, os.cpu_count() or 1)
        library.add(made)
        seconds = time.perf_counter() - started
        names = {name for p in planned if (name := library.rendered_name(p))}
        size = sum((audio_dir / name).stat().st_size for name in names)
        minutes = sum(speech.duration_seconds(audio_dir / n) for n in names) / 60
        results[lang] = {
            "paragraphs": len(planned),
            "files": len(names),
            "files_rendered_now": len(made),
            "render_seconds": round(seconds, 1),
            "problems": len(problems),
            "total_mb": round(size / 1e6, 1),
            "speech_minutes": round(minutes, 1),
            "kb_per_minute": round(size / 1000 / minutes, 1) if minutes else 0,
        }
        print(f"audio {lang}: {results[lang]}", flush=True)
    db.engine_for(url).dispose()
    return results


def page_load(audio_dir: Path) -> dict:
    """The page mix on a fresh server whose audio folder is ``audio_dir``."""
    data_dir = Path(tempfile.mkdtemp(prefix="kiosk-bench-pages-"))
    with running_server(
        data_dir, **NO_LIMITS, KIOSK_AUDIO_DIR=str(audio_dir)
    ) as server:
        port = int(server.kiosk_url.rsplit(":", 1)[1])
        warm(port, MIX)
        measured = load(port, MIX)
        guide = fetch(server.kiosk_url + "/nb/library/guides/cv").decode()
        measured["audio_urls_on_a_guide_page"] = guide.count("data-audio=")
        measured["later_page_html"] = len(fetch(server.kiosk_url + "/nb/topics"))
        measured["first_visit_bytes"] = first_visit_bytes(server.kiosk_url)[
            "first_visit_without_fonts"
        ]
        server.stop()
    return measured


def throughput_with_audio(audio_dir: Path) -> dict:
    """Run the page mix without audio, then with all of it, one after the other."""
    without = page_load(Path(tempfile.mkdtemp(prefix="kiosk-bench-no-audio-")))
    with_audio = page_load(audio_dir)
    return {
        "without_audio": without,
        "with_audio": with_audio,
        "ratio": round(
            with_audio["requests_per_second"] / without["requests_per_second"], 2
        ),
    }


def _ratio(measured: dict, hello: dict) -> float:
    return round(measured["requests_per_second"] / hello["requests_per_second"], 2)


def table(results: dict) -> list[tuple[str, str, str]]:
    """Return the printed rows: measure, value, target."""
    kiosk, hello = results["kiosk"], results["kiosk"]["hello"]
    rows = [
        ("worker threads, kiosk and hello", str(results["threads"]), ""),
        ("load", f"{CLIENTS} keep-alive clients, {hello['tool']}", ""),
        ("bare Flask hello, req/s", str(hello["requests_per_second"]), ""),
    ]
    mix = kiosk["mix"]
    rows.append(
        (
            "mix of 8 pages: req/s (ratio) / p99 ms",
            f"{mix['requests_per_second']} ({_ratio(mix, hello)}) / {mix['p99_ms']}",
            ">= 0.6 / <= 50",
        )
    )
    for name, page in kiosk["pages"].items():
        rows.append(
            (
                f"  {name}",
                f"{page['requests_per_second']} ({_ratio(page, hello)}) / "
                f"{page['p99_ms']}",
                STRESS if name == NEW_SEARCH_ROW else "p99 <= 50",
            )
        )
    for name, form in kiosk["forms"].items():
        target = STRESS if name == "request submission" else ""
        rows.append(
            (
                f"POST {name}: req/s / p99 ms / errors",
                f"{form['requests_per_second']} / {form['p99_ms']} / {form['errors']}",
                target,
            )
        )
    for name, both in kiosk["beside_the_mix"].items():
        few, browsing = both["few"], both["browsing"]
        rows.append(
            (
                f"{FEW} clients {name}, {CLIENTS - FEW} browse: p99 ms / req/s",
                f"{few['p99_ms']} / {few['requests_per_second']}; browsing "
                f"{browsing['p99_ms']} / {browsing['requests_per_second']}",
                "p99 <= 100" if name == "request submission" else "p99 <= 50",
            )
        )
    central = results["central_postgresql"]
    if central:
        rows.append(
            (
                "PostgreSQL, 2 processes: submissions/s / p99",
                f"{central['requests_per_second']} / {central['p99_ms']} "
                f"({central['errors']} errors)",
                "",
            )
        )
        rows.append(
            (
                "PostgreSQL, 2 processes: mix req/s / p99",
                f"{central['mix_requests_per_second']} / {central['mix_p99_ms']} "
                f"({central['mix_errors']} errors)",
                "",
            )
        )
    sizes = kiosk["bytes"]
    rows += [
        (
            "first visit bytes (HTML+CSS+JS)",
            str(sizes["first_visit_without_fonts"]),
            "< 100000",
        ),
        (
            "  and its icons (SVG) / fonts (Latin), bytes",
            f"{sizes['icons']} icons {sizes['icon_bytes']} / {sizes['fonts_latin']}",
            "",
        ),
        ("later page HTML bytes", str(sizes["later_page_html"]), "< 20000"),
        ("HTMX search swap bytes", str(sizes["htmx_search_swap"]), "< 10000"),
        (
            "search p50 / p95 ms (documents)",
            "{p50_ms} / {p95_ms} ({documents_indexed})".format(**results["search"]),
            "p95 < 20",
        ),
        (
            "1000 requests at once: s / errors / codes",
            "{seconds} / {errors} / {distinct_codes}".format(
                **kiosk["session_requests"]
            ),
            "0 errors, 1000 codes",
        ),
        ("server RSS after load, MB", str(kiosk["server_rss_mb_after_load"]), "< 150"),
        (
            "start, s: first, on a new data folder / again, with it",
            f"{kiosk['cold_start_seconds']} / {kiosk['restart_seconds']}",
            "< 2",
        ),
    ]
    hostile_figures = results["hostile"]
    for shape, cost in hostile_figures["long_unique_queries"].items():
        rows.append(
            (
                f"unique search {shape} letters: median / max CPU ms",
                f"{cost['median_ms']} / {cost['max_ms']}",
                "a few ms",
            )
        )
    beside = hostile_figures["pages_beside_searches"]
    rows.append(
        (
            f"other pages p99 ms: alone / beside {hostile.SEARCH_CLIENTS} searchers",
            f"{beside['quiet_p99_ms']} / {beside['beside_searches_p99_ms']} "
            f"({beside['searches_per_second']} searches/s)",
            "<= 50",
        )
    )
    login = hostile_figures["staff_login"]
    rows.append(
        (
            f"staff login ms: alone / beside {login['idle_connections']} idle kiosk",
            f"{login['login_ms_alone']} / {login['login_ms_beside_crowd']}",
            "< 1000",
        )
    )
    for name, cost in results["page_costs"].items():
        shares = ", ".join(f"{g} {p}%" for g, p in cost["share_percent"].items())
        rows.append(
            (
                f"in-process µs, {name}: as served / through Flask",
                f"{cost['us_as_served']} / {cost['us_per_request']}",
                shares,
            )
        )
    inside = results["internals"]
    hook, signer = inside["limiter_hook"], inside["session_signer"]
    holes, freeze = inside["holes"], inside["gc_freeze"]
    whole = inside["whole_answers"]
    rows += [
        (
            "home page, µs: kept whole / through Flask",
            f"{whole['home_us_whole']} / {whole['home_us_through_flask']}",
            "",
        ),
        (
            "home page, µs: without / with limiter hook",
            f"{hook['page_us_without_hook']} / {hook['page_us_with_hook']}",
            "",
        ),
        (
            "new visit's form kept whole, µs: keys derived once / itsdangerous",
            f"{whole['form_us_keys_derived_once']} / {whole['form_us_itsdangerous']}",
            "",
        ),
        (
            "new visit's form, µs: signer kept / per request",
            f"{signer['form_us_signer_kept']} / {signer['form_us_signer_per_request']}",
            "",
        ),
        (
            "occupation, µs: kept page / button render alone",
            f"{holes['occupation_us_kept']} / {holes['my_list_button_render_us']}",
            "",
        ),
        (
            "request form, µs: kept page / render alone",
            f"{holes['request_form_us_kept']} / {holes['request_form_render_us']}",
            "",
        ),
        (
            "full GC pass, ms: tracked / after gc.freeze",
            f"{freeze['full_collection_ms']} / "
            f"{freeze['full_collection_ms_after_freeze']}",
            "",
        ),
    ]
    audio = results.get("kiosk_pages_with_and_without_audio")
    if audio:
        rows += [
            (
                "mix without / with audio, req/s (ratio)",
                f"{audio['without_audio']['requests_per_second']} / "
                f"{audio['with_audio']['requests_per_second']} ({audio['ratio']})",
                "~1.0",
            ),
            (
                "first visit bytes with audio",
                str(audio["with_audio"]["first_visit_bytes"]),
                "< 100000",
            ),
        ]
    for lang, figures in results.get("read_aloud", {}).items():
        rows.append(
            (
                f"audio {lang}: render s (files) / MB / KB per min",
                f"{figures['render_seconds']} ({figures['files_rendered_now']}) / "
                f"{figures['total_mb']} / {figures['kb_per_minute']}",
                "< 250 KB/min",
            )
        )
    return rows


def main() -> None:
    from kiosk.config import load_settings

    threads = load_settings()["SERVER_THREADS"]  # KIOSK_THREADS, as kiosk serve
    print(f"{threads} worker threads for the kiosk and for hello", flush=True)
    results = {
        "date": datetime.now(UTC).date().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "threads": threads,
        "kiosk": measure_kiosk(threads),
        "central_postgresql": measure_central(threads),
        "search": search_latency(),
        "internals": internals.measure(),
        "hostile": hostile.measure(),
        "page_costs": page_costs.measure(PAGES),
    }
    if os.environ.get("BENCH_AUDIO", "1") != "0":
        # BENCH_AUDIO_DIR: reuse audio rendered by an earlier run (renders the rest)
        audio_dir = Path(
            os.environ.get("BENCH_AUDIO_DIR")
            or tempfile.mkdtemp(prefix="kiosk-bench-audio-files-")
        )
        results["read_aloud"] = read_aloud_audio(audio_dir)
        results["kiosk_pages_with_and_without_audio"] = throughput_with_audio(audio_dir)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    rows = table(results)
    width = max(len(row[0]) for row in rows)
    print(f"\n{results['date']}, {os.cpu_count()} cores")
    print(f"{'measure':<{width}}  {'value':>36}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>36}  {target}")
    markdown = OUTPUT.with_suffix(".md")
    lines = ["| measure | value | target |", "| --- | --- | --- |"]
    lines += [f"| {name.strip()} | {value} | {goal} |" for name, value, goal in rows]
    markdown.write_text("\n".join(lines) + "\n")
    print(f"\nJSON: {OUTPUT}\nREADME table: {markdown}")


if __name__ == "__main__":
    main()
