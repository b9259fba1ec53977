"""What each reach into framework internals buys, measured in one process.

Issue 13 keeps such code only where a figure shows it pays: the Flask-Limiter
hook the kiosk removes, the session signer it builds once, ``gc.freeze`` at
start, and the pages kept with a hole for the visit's own piece (the CSRF token,
the my-list button). Each figure is the best of five rounds, in microseconds
per request through the WSGI app (no network), or milliseconds per collection.
"""

import gc
import tempfile
import time
from pathlib import Path

from flask import render_template
from flask.sessions import SecureCookieSessionInterface
from werkzeug.test import EnvironBuilder

ROUNDS = 5
REQUESTS = 2000


def _app():
    from kiosk import create_kiosk_app, db

    folder = Path(tempfile.mkdtemp(prefix="kiosk-bench-internals-"))
    url = f"sqlite:///{folder / 'kiosk.sqlite3'}"
    db.migrate(url)
    return create_kiosk_app(
        {"DATA_DIR": folder, "DATABASE_URL": url, "SECRET_KEY_FILE": folder / "key"}
    )


def through_flask(app):
    """Return the app's own WSGI callable, under the whole-answer shortcut."""
    return getattr(app.wsgi_app, "wsgi_app", app.wsgi_app)


def _microseconds(app, path: str, whole: bool = False) -> float:
    """Best time of one GET of ``path`` by a new visitor (no cookie).

    Through Flask, unless ``whole``: then as served, kept answers included.
    """
    environ = EnvironBuilder(path=path).get_environ()
    wsgi = app.wsgi_app if whole else through_flask(app)

    def ignore(*_args):
        return None

    for _ in range(200):
        b"".join(wsgi(dict(environ), ignore))
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(REQUESTS):
            b"".join(wsgi(dict(environ), ignore))
        best = min(best, (time.perf_counter() - started) / REQUESTS * 1e6)
    return round(best, 1)


def limiter_hook(app) -> dict:
    """A home page with and without Flask-Limiter's app-wide before-request check."""
    from kiosk.throttling import limiter

    hooks = app.before_request_funcs[None]
    without = _microseconds(app, "/nb/")
    hooks.insert(0, limiter._check_request_limit)
    try:
        with_hook = _microseconds(app, "/nb/")
    finally:
        hooks.remove(limiter._check_request_limit)
    return {"page_us_without_hook": without, "page_us_with_hook": with_hook}


def session_signer(app) -> dict:
    """A new visitor's request form (it signs a cookie) with and without the cache."""
    kept = app.session_interface
    cached = _microseconds(app, "/nb/request")
    app.session_interface = SecureCookieSessionInterface()
    try:
        stock = _microseconds(app, "/nb/request")
    finally:
        app.session_interface = kept
    return {"form_us_signer_kept": cached, "form_us_signer_per_request": stock}


def holes(app) -> dict:
    """The pages kept with a hole for the token, against rendering them each time."""
    from kiosk.views.form_fields import ActionForm
    from kiosk.views.inmate.requests import _render_form, _request_form

    def render_button():
        return render_template(
            "kiosk/_my_list_button.html",
            doc=app.extensions["kiosk.career_library"].get("occupations", "welder"),
            in_my_list=False,
            list_full=False,
            form=ActionForm(),
        )

    figures = {
        "occupation_us_kept": _microseconds(app, "/pl/library/occupations/welder"),
        "request_form_us_kept": _microseconds(app, "/nb/request"),
    }
    for name, address, render in (
        ("my_list_button_render_us", "/pl/library/occupations/welder", render_button),
        (
            "request_form_render_us",
            "/nb/request",
            lambda: _render_form(_request_form()),
        ),
    ):
        with app.test_request_context(address):
            app.preprocess_request()
            render()
            best = float("inf")
            for _ in range(ROUNDS):
                started = time.perf_counter()
                for _ in range(REQUESTS // 4):
                    render()
                best = min(best, (time.perf_counter() - started) / (REQUESTS // 4))
        figures[name] = round(best * 1e6, 1)
    return figures


def whole_answers(app) -> dict:
    """A guidance page for a visit without a cookie: kept whole, or through Flask;
    the request form kept whole, its new visit signed with keys derived once
    (``NewVisitSigner``) or by itsdangerous's serializers on every call."""
    keeper = app.wsgi_app
    figures = {
        "home_us_whole": _microseconds(app, "/nb/", whole=True),
        "home_us_through_flask": _microseconds(app, "/nb/"),
        "form_us_keys_derived_once": _microseconds(app, "/nb/request", whole=True),
    }
    kept = keeper._new_visit_signers
    keeper._new_visit_signers = (keeper._tokens(), keeper._sessions())
    try:
        figures["form_us_itsdangerous"] = _microseconds(app, "/nb/request", whole=True)
    finally:
        keeper._new_visit_signers = kept
    return figures


def full_collection() -> dict:
    """A full garbage collection with the loaded content tracked, then frozen."""
    app = _app()  # the content and library of a started kiosk
    gc.collect()

    def best_collection() -> float:
        best = float("inf")
        for _ in range(ROUNDS):
            started = time.perf_counter()
            gc.collect()
            best = min(best, time.perf_counter() - started)
        return round(best * 1000, 2)

    tracked = best_collection()
    gc.freeze()
    try:
        frozen = best_collection()
    finally:
        gc.unfreeze()
    del app
    return {"full_collection_ms": tracked, "full_collection_ms_after_freeze": frozen}


def measure() -> dict:
    """Every figure of this module."""
    app = _app()
    return {
        "limiter_hook": limiter_hook(app),
        "session_signer": session_signer(app),
        "holes": holes(app),
        "whole_answers": whole_answers(app),
        "gc_freeze": full_collection(),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(measure(), indent=2))
