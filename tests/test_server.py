"""``kiosk serve``: both listeners on real waitress, stopped cleanly by a signal."""

import signal
import urllib.error
import urllib.request

import pytest

from tests.live_server import add_event, running_server


def fetch(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serve_answers_on_both_listeners_and_stops_on_signal(tmp_path, signum):
    with running_server(tmp_path) as server:
        status, body, headers = fetch(server.kiosk_url + "/ar/")
        assert status == 200
        assert '<html lang="ar" dir="rtl">' in body
        assert headers["Cache-Control"] == "no-store"
        status, body, _ = fetch(server.staff_url + "/")
        assert status == 200 and "Logg inn" in body  # the login page
        assert fetch(server.kiosk_url + "/staff")[0] == 404
        assert fetch(server.staff_url + "/nb/")[0] == 404
        assert server.stop(signum) == 0
    log = (tmp_path / "server.log").read_text()
    assert "kiosk listener on http://127.0.0.1:" in log
    assert "stopped" in log
    assert "Traceback" not in log, log


def test_serve_creates_database_and_secret_in_the_data_dir(tmp_path):
    with running_server(tmp_path) as server:
        server.stop()
    assert (tmp_path / "kiosk.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()


def test_parallel_submissions_are_all_stored_with_distinct_codes(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import create_engine, text

    from tests.http_client import submit_request

    with running_server(tmp_path, KIOSK_REQUEST_LIMIT="1000/minute") as server:
        with ThreadPoolExecutor(max_workers=50) as pool:
            codes = list(
                pool.map(
                    lambda n: submit_request(server.kiosk_url, f"Person {n}"),
                    range(200),
                )
            )
        assert server.stop() == 0
    assert len(set(codes)) == 200
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT request_code FROM session_requests"))
        assert {row[0] for row in stored} == set(codes)
    engine.dispose()


def test_every_acknowledged_request_survives_sigkill(tmp_path):
    """Kill the server while 20 threads submit; every code a client saw is on disk."""
    import http.client
    import threading
    import time

    from sqlalchemy import create_engine, text

    from tests.http_client import submit_request

    received: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(server):
        while not stop.is_set():
            try:
                code = submit_request(server.kiosk_url, "Crash Test")
            except (OSError, http.client.HTTPException):
                return  # the server is gone
            with lock:
                received.append(code)

    with running_server(tmp_path, KIOSK_REQUEST_LIMIT="100000/hour") as server:
        threads = [threading.Thread(target=client, args=(server,)) for _ in range(20)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(received) < 60 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.process.kill()  # SIGKILL: no clean shutdown
        server.process.wait()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert len(received) >= 60
    with running_server(tmp_path) as restarted:
        assert fetch(restarted.kiosk_url + "/en/")[0] == 200
        restarted.stop()
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    with engine.connect() as connection:
        stored = {
            row[0]
            for row in connection.execute(
                text("SELECT request_code FROM session_requests")
            )
        }
    engine.dispose()
    assert set(received) <= stored


def test_fifty_parallel_sign_ups_for_ten_places(tmp_path):
    """50 people sign up at once for 10 places: 10 places, 40 waiting, no error."""
    import re
    from concurrent.futures import ThreadPoolExecutor

    from kiosk import db
    from tests.http_client import post_form

    with running_server(tmp_path, KIOSK_REQUEST_LIMIT="1000/minute") as server:
        url = f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
        event_id = add_event(url)
        path = f"/en/events/{event_id}"
        with ThreadPoolExecutor(max_workers=50) as pool:
            pages = list(
                pool.map(
                    lambda n: post_form(
                        server.kiosk_url, path, {"name": f"P{n}", "unit": "A"}
                    ),
                    range(50),
                )
            )
        assert server.stop() == 0
    assert sum("You have a place." in page for page in pages) == 10
    numbers = sorted(
        int(m) for page in pages for m in re.findall(r"waiting list: (\d+)", page)
    )
    assert numbers == list(range(1, 41))
    db.engine_for(url).dispose()


@pytest.mark.parametrize(("listeners", "open_port"), [("staff", 1), ("kiosk", 0)])
def test_serve_can_run_one_listener(tmp_path, listeners, open_port):
    with running_server(tmp_path, KIOSK_LISTENERS=listeners) as server:
        urls = [server.kiosk_url + "/", server.staff_url + "/login"]
        assert fetch(urls[open_port])[0] == 200
        with pytest.raises(OSError):
            urllib.request.urlopen(urls[1 - open_port], timeout=2)
        assert server.stop() == 0


def test_serve_renders_missing_audio_in_the_background(tmp_path, run_kiosk):
    import re
    import time

    planned = run_kiosk("content", "audio", "--dry-run")  # what the command would do
    missing = int(re.search(r"(\d+) file\(s\) missing", planned.output).group(1))
    assert missing > 1000
    with running_server(tmp_path, KIOSK_AUDIO_AT_START="1") as server:
        assert fetch(server.kiosk_url + "/nb/")[0] == 200  # not kept waiting
        log, deadline = "", time.monotonic() + 60
        while time.monotonic() < deadline:
            log = (tmp_path / "server.log").read_text()
            rendered = list((tmp_path / "audio").glob("*.opus"))
            if "to render in background" in log and rendered:
                break
            time.sleep(0.2)
        assert server.stop() == 0  # stops between two files
    assert f"read aloud: {missing} audio file(s) to render in background" in log
    assert log.index("kiosk listener on") < log.index("read aloud:")
    assert rendered and "Traceback" not in log
