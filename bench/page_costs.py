"""Where each page of the mix spends its time, profiled in one process.

Each page is asked for REQUESTS times through the Flask app by a new visitor
(no network, no cookie) under cProfile; the time each function spends itself
is added up by the library it belongs to. The result says, per page, how many
microseconds a request costs in-process and which part of the stack takes them,
and how many it costs as served: a page the same for every visit without a
cookie is answered whole, without Flask (``whole_answers.WholePages``).
"""

import cProfile
import pstats
import time
from collections import defaultdict

from werkzeug.test import EnvironBuilder

from bench.internals import _app, through_flask

REQUESTS = 500
GROUPS = (  # the first part of a file path that names the group, in order
    ("/kiosk/", "kiosk"),
    ("/jinja2/", "jinja2"),
    ("/flask_babel/", "babel"),
    ("/babel/", "babel"),
    ("/flask_wtf/", "forms"),
    ("/wtforms/", "forms"),
    ("/itsdangerous/", "session"),
    ("/flask_limiter/", "limiter"),
    ("/limits/", "limiter"),
    ("/sqlalchemy/", "database"),
    ("/flask/", "flask"),
    ("/werkzeug/", "werkzeug"),
    ("/markupsafe/", "jinja2"),
)
BUILTIN_GROUPS = (
    ("sqlite3", "database"),
    ("hmac", "session"),
    ("_hashlib", "session"),
    ("zlib", "session"),
)


def group_of(filename: str, name: str) -> str:
    """Return the group a profiled function belongs to."""
    for part, group in GROUPS:
        if part in filename:
            return group
    if filename == "~":
        for part, group in BUILTIN_GROUPS:
            if part in name:
                return group
        return "python"
    return "python"


def profile_page(app, request) -> dict:
    """µs per request, and the share of each group, for one page."""
    environ = EnvironBuilder(
        path=request.path, method=request.method, headers=request.headers
    ).get_environ()

    def ignore(*_args):
        return None

    def microseconds(wsgi) -> float:
        for _ in range(100):
            b"".join(wsgi(dict(environ), ignore))
        started = time.perf_counter()
        for _ in range(REQUESTS):
            b"".join(wsgi(dict(environ), ignore))
        return (time.perf_counter() - started) / REQUESTS * 1e6

    flask = through_flask(app)
    plain_us, served_us = microseconds(flask), microseconds(app.wsgi_app)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(REQUESTS):
        b"".join(flask(dict(environ), ignore))
    profiler.disable()
    spent: dict[str, float] = defaultdict(float)
    for (filename, _line, name), row in pstats.Stats(profiler).stats.items():
        spent[group_of(filename, name)] += row[2]  # time spent in the function itself
    total = sum(spent.values())
    shares = {
        group: round(100 * seconds / total)
        for group, seconds in sorted(spent.items(), key=lambda item: -item[1])
        if seconds / total >= 0.03
    }
    return {
        "us_per_request": round(plain_us, 1),
        "us_as_served": round(served_us, 1),
        "share_percent": shares,
    }


def measure(pages: dict) -> dict:
    app = _app()
    return {name: profile_page(app, request) for name, request in pages.items()}


if __name__ == "__main__":
    import json

    from bench.run import PAGES

    print(json.dumps(measure(PAGES), indent=2))
