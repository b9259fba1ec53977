"""Throttling on the real server: counts that parallel requests cannot slip past."""

import http.client
import re
import threading
import urllib.parse
from collections import Counter

from tests.live_server import add_counsellor, port_of, running_server


def _login_form(staff_url: str) -> tuple[http.client.HTTPConnection, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port_of(staff_url), 30)
    connection.request("GET", "/login")
    answer = connection.getresponse()
    page = answer.read().decode()
    cookie = answer.headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    return connection, cookie, token.group(1)


def test_twelve_parallel_guesses_get_no_more_than_the_limit(tmp_path):
    """F9: the limit is counted before the password is checked, atomically."""
    with running_server(tmp_path) as server:
        add_counsellor(tmp_path)
        forms = [_login_form(server.staff_url) for _ in range(12)]
        start = threading.Barrier(len(forms))
        statuses: Counter = Counter()

        def guess(form, number):
            connection, cookie, token = form
            body = urllib.parse.urlencode(
                {"csrf_token": token, "username": "anne", "password": f"guess {number}"}
            )
            headers = {
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
            }
            start.wait()
            connection.request("POST", "/login", body, headers)
            statuses[connection.getresponse().status] += 1
            connection.close()

        threads = [
            threading.Thread(target=guess, args=(form, number))
            for number, form in enumerate(forms)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert server.stop() == 0
    assert statuses[401] == 5  # the per-account limit, exactly
    assert statuses[429] == 7
