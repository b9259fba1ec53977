"""Throttling per terminal address and per staff account, with Flask-Limiter."""

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse

from kiosk import prison_settings

limiter = Limiter(key_func=get_remote_address, headers_enabled=False)


def request_limit() -> str:
    """Return the session-request limit per terminal: staff's setting or the default."""
    from kiosk.views import kiosk_settings

    stored = kiosk_settings().get(prison_settings.REQUEST_LIMIT_KEY)
    return stored or current_app.config["REQUEST_LIMIT"]


def status_limit() -> str:
    """Return the status-lookup limit per terminal."""
    return current_app.config["STATUS_LIMIT"]


def _login_limits(username: str) -> list[tuple]:
    address = get_remote_address()
    config = current_app.config
    return [
        (parse(config["LOGIN_LIMIT_PER_ADDRESS"]), "login-address", address),
        # The account's count is kept per address: a stranger who guesses at a
        # counsellor's name locks only their own address out, not the counsellor.
        (
            parse(config["LOGIN_LIMIT_PER_ACCOUNT"]),
            "login-account",
            username.strip().lower()[:64],
            address,
        ),
    ]


def count_login_attempt(username: str) -> bool:
    """Count one login attempt before the password is checked; False when over.

    Counting first, in one atomic step per limit, means parallel attempts can
    never get more passwords checked than the limit allows.
    """
    limits = _login_limits(username)
    return all([limiter.limiter.hit(limit, *keys) for limit, *keys in limits])


def forget_login_attempts(username: str) -> None:
    """After a successful login its attempt is not held against the address."""
    address_limit, account_limit = _login_limits(username)
    limit, *keys = address_limit
    limiter.storage.decr(limit.key_for(*keys))
    limit, *keys = account_limit
    limiter.limiter.clear(limit, *keys)


def init_app(app) -> None:
    """Attach the shared limiter; its counts live in this process's memory."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_STRATEGY", "fixed-window")
    limiter.init_app(app)
    # Every limit is a decorator on a POST view, and the decorator checks it
    # itself; the app-wide hook would only add bookkeeping to every page view.
    app.before_request_funcs[None].remove(limiter._check_request_limit)
