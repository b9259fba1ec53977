"""``make bench``: speed and memory of the real server, printed and saved as JSON.

Every figure comes from this run on this machine: the kiosk and a bare Flask app
are measured under the same waitress settings, so their ratio is meaningful.
"""

import http.client
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.live_server import free_port, running_server, wait_until_up  # noqa: E402

CLIENTS = 50
REQUESTS_PER_CLIENT = 40
SEARCH_DOCUMENTS = 5000
SESSION_REQUESTS = 1000
OUTPUT = ROOT / "bench-output" / "bench.json"
KIOSK_PAGES = ["/nb/", "/en/topics", "/ar/", "/pl/library", "/nb/library/guides/cv"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(number) * UNITS[unit], 2)


def load(host: str, port: int, paths: list[str]) -> dict:
    """Load the server with CLIENTS connections: wrk if installed, else Python."""
    if shutil.which("wrk"):
        return load_with_wrk(host, port, paths)
    return load_with_python(host, port, paths)


def load_with_wrk(host: str, port: int, paths: list[str]) -> dict:
    """Run wrk (C, outside Python's lock) for a few seconds; parse its report."""
    script = Path(tempfile.mkdtemp()) / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    command = ["wrk", "-t2", f"-c{CLIENTS}", "-d8s", "--latency", "-s", str(script)]
    report = subprocess.run(
        [*command, f"http://{host}:{port}/"], capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return {
        "tool": "wrk",
        "requests": int(re.search(r"(\d+) requests in", report).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
        "requests_per_second": float(
            re.search(r"Requests/sec:\s+([\d.]+)", report).group(1)
        ),
        "p50_ms": _milliseconds(
            re.search(r"^\s+50%\s+(\S+)", report, re.MULTILINE).group(1)
        ),
        "p99_ms": _milliseconds(
            re.search(r"^\s+99%\s+(\S+)", report, re.MULTILINE).group(1)
        ),
    }


def load_with_python(host: str, port: int, paths: list[str]) -> dict:
    """Run CLIENTS keep-alive clients in threads; return throughput and latency."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client(number: int) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection(host, port, timeout=30)
        mine = []
        for i in range(REQUESTS_PER_CLIENT):
            path = paths[(number + i) % len(paths)]
            started = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection = http.client.HTTPConnection(host, port, timeout=30)
            mine.append((time.perf_counter() - started) * 1000)
            if not ok:
                with lock:
                    errors += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    elapsed = time.perf_counter() - started
    return {
        "tool": "python threads",
        "requests": len(latencies),
        "errors": errors,
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
    }


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
    later = len(fetch(base + "/nb/topics"))
    swap = len(fetch(base + "/nb/library?q=tomrer", {"HX-Request": "true"}))
    return {
        "html": len(html),
        "css": css,
        "js": js,
        "first_visit_without_fonts": len(html) + css + js,
        "fonts_latin": fonts,
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
            location = answer.getheader("Location") or ""
            return location.rsplit("/", 1)[1] if answer.status == 303 else None
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


def bare_flask(threads: int) -> dict:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "hello.py"), str(port), str(threads)]
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/")
        return load("127.0.0.1", port, ["/"])
    finally:
        process.terminate()
        process.wait()


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
    with running_server(data_dir, KIOSK_AUDIO_DIR=str(audio_dir)) as server:
        port = int(server.kiosk_url.rsplit(":", 1)[1])
        load("127.0.0.1", port, KIOSK_PAGES)  # warm up
        measured = load("127.0.0.1", port, KIOSK_PAGES)
        guide = fetch(server.kiosk_url + KIOSK_PAGES[-1]).decode()
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


def main() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    environment = {"KIOSK_REQUEST_LIMIT": "100000/hour"}
    started = time.perf_counter()
    with running_server(data_dir, **environment) as server:
        cold_start = time.perf_counter() - started
        port = int(server.kiosk_url.rsplit(":", 1)[1])
        threads = 8
        load("127.0.0.1", port, KIOSK_PAGES)  # warm up
        kiosk = load("127.0.0.1", port, KIOSK_PAGES)
        hello = bare_flask(threads)
        sizes = first_visit_bytes(server.kiosk_url)
        submissions = session_requests(server.kiosk_url)
        memory = rss_mb(server.process.pid)
        server.stop()
    # BENCH_AUDIO_DIR: reuse audio rendered by an earlier run (renders only the rest)
    audio_dir = Path(
        os.environ.get("BENCH_AUDIO_DIR")
        or tempfile.mkdtemp(prefix="kiosk-bench-audio-files-")
    )
    audio = read_aloud_audio(audio_dir)
    with_audio = throughput_with_audio(audio_dir)
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "kiosk_pages": kiosk,
        "bare_flask_hello": hello,
        "throughput_ratio": round(
            kiosk["requests_per_second"] / hello["requests_per_second"], 2
        ),
        "bytes": sizes,
        "search": search_latency(),
        "session_requests": submissions,
        "server_rss_mb_after_load": memory,
        "cold_start_seconds": round(cold_start, 2),
        "read_aloud": audio,
        "kiosk_pages_with_and_without_audio": with_audio,
    }
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(results, indent=2))
    rows = [
        (
            f"kiosk pages, req/s (50 clients, {kiosk['tool']})",
            kiosk["requests_per_second"],
            "",
        ),
        (
            "kiosk pages, p50 / p99 ms",
            f"{kiosk['p50_ms']} / {kiosk['p99_ms']}",
            "p99 < 50",
        ),
        ("bare Flask hello, req/s", hello["requests_per_second"], ""),
        ("throughput ratio kiosk / hello", results["throughput_ratio"], ">= 0.70"),
        (
            "first visit bytes (HTML+CSS+JS)",
            sizes["first_visit_without_fonts"],
            "< 100000",
        ),
        ("later page HTML bytes", sizes["later_page_html"], "< 20000"),
        ("HTMX search swap bytes", sizes["htmx_search_swap"], "< 10000"),
        (
            "search p50 / p95 ms (docs)",
            "{p50_ms} / {p95_ms} ({documents_indexed})".format(**results["search"]),
            "p95 < 20",
        ),
        (
            "1000 requests: s / errors / codes",
            "{seconds} / {errors} / {distinct_codes}".format(**submissions),
            "0 errors, 1000 codes",
        ),
        ("server RSS after load, MB", memory, "< 150"),
        ("cold start, s", results["cold_start_seconds"], "< 2"),
        (
            "pages without / with audio, req/s",
            f"{with_audio['without_audio']['requests_per_second']} / "
            f"{with_audio['with_audio']['requests_per_second']}",
            "",
        ),
        (
            "p99 ms without / with audio",
            f"{with_audio['without_audio']['p99_ms']} / "
            f"{with_audio['with_audio']['p99_ms']}",
            "p99 < 50",
        ),
        ("throughput with audio / without", with_audio["ratio"], "~1.0"),
        (
            "first visit bytes with audio (HTML+CSS+JS)",
            with_audio["with_audio"]["first_visit_bytes"],
            "< 100000",
        ),
        (
            "later page HTML with audio, bytes",
            with_audio["with_audio"]["later_page_html"],
            "< 20000",
        ),
    ]
    for lang, figures in audio.items():
        rows.append(
            (
                f"audio {lang}: render s (files) / MB / KB per min",
                f"{figures['render_seconds']} ({figures['files_rendered_now']}) / "
                f"{figures['total_mb']} / {figures['kb_per_minute']}",
                "< 250 KB/min",
            )
        )
    width = max(len(row[0]) for row in rows)
    print(f"{'measure':<{width}}  {'value':>28}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value!s:>28}  {target}")
    print(f"\nJSON: {OUTPUT}")


if __name__ == "__main__":
    main()
