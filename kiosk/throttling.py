"""Throttling per terminal address and per staff account, with Flask-Limiter."""

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from kiosk import db, prison_settings

limiter = Limiter(key_func=get_remote_address, headers_enabled=False)


def request_limit() -> str:
    """Return the session-request limit per terminal: staff's setting or the default."""
    from kiosk.views import kiosk_prison_id

    return prison_settings.request_limit(
        db.get_session(), current_app.config["REQUEST_LIMIT"], kiosk_prison_id()
    )


def status_limit() -> str:
    """Return the status-lookup limit per terminal."""
    return current_app.config["STATUS_LIMIT"]


def login_account_key() -> str:
    """Key login attempts by the account they try, whoever the caller is."""
    return "login:" + request.form.get("username", "").strip().lower()[:64]


def failed_attempt(response) -> bool:
    """Count only attempts that did not log in (a success answers 303)."""
    return response.status_code != 303


def init_app(app) -> None:
    """Attach the shared limiter; its counts live in this process's memory."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_STRATEGY", "fixed-window")
    limiter.init_app(app)
    # Every limit is a decorator on a POST view, and the decorator checks it
    # itself; the app-wide hook would only add bookkeeping to every page view.
    app.before_request_funcs[None].remove(limiter._check_request_limit)
