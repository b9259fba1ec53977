"""Throttling on the real server: counts that parallel requests cannot slip past."""

import threading
import urllib.parse
from collections import Counter

from tests.live_server import add_counsellor, login_form, running_server


def test_twelve_parallel_guesses_get_no_more_than_the_limit(tmp_path):
    """F9: the limit is counted before the password is checked, atomically."""
    with running_server(tmp_path) as server:
        add_counsellor(tmp_path)
        forms = [login_form(server.staff_url) for _ in range(12)]
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


def test_flask_limiter_still_registers_the_hook_the_kiosk_takes_off():
    """The kiosk removes Flask-Limiter's app-wide check (bench: the page costs
    about a third more with it); an upgrade that renames it fails here first."""
    from flask import Flask
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address

    plain = Flask(__name__)
    own = Limiter(key_func=get_remote_address, storage_uri="memory://")
    own.init_app(plain)
    assert own._check_request_limit in plain.before_request_funcs[None]


def test_the_kiosk_checks_limits_only_in_the_limited_views(app):
    from kiosk.throttling import limiter

    hooks = app.before_request_funcs.get(None, [])
    assert not any(getattr(hook, "__self__", None) is limiter for hook in hooks)
    from limits import parse

    limiter.reset()
    client = app.test_client()
    allowed = parse(app.config["STATUS_LIMIT"]).amount
    for _ in range(allowed):
        assert client.post("/nb/status", data={"code": "ABCDEF"}).status_code == 404
    # The decorator on the POST view still counts.
    assert client.post("/nb/status", data={"code": "ABCDEF"}).status_code == 429
