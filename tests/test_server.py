"""``kiosk serve``: both listeners on real waitress, stopped cleanly by a signal."""

import signal
import urllib.error
import urllib.request

import pytest

from tests.live_server import running_server


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
    import http.cookiejar
    import re
    import urllib.parse
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import create_engine, text

    def submit_one(number: int) -> str:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = opener.open(server.kiosk_url + "/en/request", timeout=30).read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form)
        data = urllib.parse.urlencode(
            {
                "csrf_token": token.group(1),
                "name": f"Person {number}",
                "unit": "A",
                "topics": "cv",
                "session_format": "one-to-one",
                "conversation_language": "en",
            }
        ).encode()
        with opener.open(server.kiosk_url + "/en/request", data, timeout=60) as answer:
            assert answer.status == 200  # after the 303
            return answer.url.rsplit("/", 1)[1]

    with running_server(tmp_path, KIOSK_REQUEST_LIMIT="1000/minute") as server:
        with ThreadPoolExecutor(max_workers=50) as pool:
            codes = list(pool.map(submit_one, range(200)))
        assert server.stop() == 0
    assert len(set(codes)) == 200
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.sqlite3'}")
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT request_code FROM session_requests"))
        assert {row[0] for row in stored} == set(codes)
    engine.dispose()
