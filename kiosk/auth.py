"""Staff login sessions: Flask-Login, idle and absolute timeouts, logged attempts."""

import logging
from datetime import timedelta

from flask import current_app, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_user, logout_user

from kiosk import accounts, db
from kiosk.clock import utc_now
from kiosk.models import StaffUser

log = logging.getLogger("kiosk.auth")
login_manager = LoginManager()
login_manager.login_view = "account.login"
login_manager.login_message = _l("Please log in.")
login_manager.session_protection = "strong"


@login_manager.user_loader
def _load_user(user_id: str) -> StaffUser | None:
    """Return the user of a login the server still knows (not logged out)."""
    user = accounts.session_user(db.get_session(), session.get("login_token", ""))
    return user if user is not None and user.get_id() == user_id else None


def start_session(user: StaffUser) -> None:
    """Log ``user`` in on a brand-new session (no data carried over)."""
    session.clear()
    longest = timedelta(hours=current_app.config["STAFF_MAX_HOURS"])
    session["login_token"] = accounts.open_session(db.get_session(), user, longest)
    login_user(user)
    now = utc_now().timestamp()
    session["login_at"] = session["seen_at"] = now
    log.info("login ok user=%s addr=%s", user.username, request.remote_addr)


def end_session() -> None:
    """Log out and forget everything in the session."""
    if current_user.is_authenticated:
        log.info("logout user=%s", current_user.username)
    accounts.close_session(db.get_session(), session.get("login_token", ""))
    logout_user()
    session.clear()


def log_failed_attempt(username_exists: bool, username: str) -> None:
    """Log a failed login; an unknown name is not written (it may be a password)."""
    shown = username if username_exists else "<unknown>"
    log.warning("login failed user=%s addr=%s", shown, request.remote_addr)


def _expired() -> bool:
    config = current_app.config
    now = utc_now().timestamp()
    idle = timedelta(minutes=config["STAFF_IDLE_MINUTES"]).total_seconds()
    longest = timedelta(hours=config["STAFF_MAX_HOURS"]).total_seconds()
    seen, started = session.get("seen_at", 0), session.get("login_at", 0)
    return now - seen > idle or now - started > longest


def _enforce_timeouts():
    if request.endpoint in ("static", "account.login") or "_user_id" not in session:
        return None
    if _expired():
        log.info("session expired")
        end_session()
        return redirect(url_for("account.login", expired=1))
    session["seen_at"] = utc_now().timestamp()
    return None


def init_app(app) -> None:
    """Protect the staff app with logins that expire."""
    login_manager.init_app(app)
    app.before_request(_enforce_timeouts)
