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
        assert status == 200 and "Startside for ansatte" in body
        assert fetch(server.kiosk_url + "/staff")[0] == 404
        assert fetch(server.staff_url + "/nb/")[0] == 404
        assert server.stop(signum) == 0
    log = (tmp_path / "server.log").read_text()
    assert "kiosk listener on http://127.0.0.1:" in log
    assert "stopped" in log
    assert "Traceback" not in log


def test_serve_creates_database_and_secret_in_the_data_dir(tmp_path):
    with running_server(tmp_path) as server:
        server.stop()
    assert (tmp_path / "kiosk.sqlite3").exists()
    assert (tmp_path / "secret_key").exists()
