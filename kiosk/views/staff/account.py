"""Staff views: start page, login and logout."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from kiosk import accounts, auth, db
from kiosk.i18n.page_language import languages
from kiosk.throttling import failed_attempt, limiter, login_account_key
from kiosk.views import guidance_pages, language_reviews
from kiosk.views.form_fields import ActionForm
from kiosk.views.staff import open_to_anyone
from kiosk.views.staff.forms import LoginForm

bp = Blueprint("account", __name__)


def _address_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"]


def _account_limit() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ACCOUNT"]


@bp.get("/")
def start():
    """Show the staff start page: where to go, and the state of the languages."""
    problems = [
        *current_app.extensions["kiosk.language_problems"],
        *guidance_pages().problems,
    ]
    return render_template(
        "staff/start.html",
        languages=languages().values(),
        reviews=language_reviews(),
        problems=problems,
    )


def _safe_next(target: str | None) -> str:
    parts = urlsplit(target or "")
    if target and not parts.scheme and not parts.netloc and target.startswith("/"):
        return target
    return url_for("account.start")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_address_limit, methods=["POST"], deduct_when=failed_attempt)
@limiter.limit(
    _account_limit,
    methods=["POST"],
    key_func=login_account_key,
    deduct_when=failed_attempt,
)
@open_to_anyone
def login():
    """Log a staff member in; the same answer for a wrong name or password."""
    if current_user.is_authenticated:
        return redirect(url_for("account.start"))
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        session = db.get_session()
        user = accounts.authenticate(session, form.username.data, form.password.data)
        if user is not None:
            auth.start_session(user)
            return redirect(_safe_next(request.args.get("next")), code=303)
        exists = accounts.find(session, form.username.data) is not None
        auth.log_failed_attempt(exists, form.username.data)
        failed = True
    expired = request.args.get("expired") == "1"
    status = 401 if failed else (422 if form.is_submitted() else 200)
    page = render_template(
        "staff/login.html", form=form, failed=failed, expired=expired
    )
    return page, status


@bp.post("/logout")
def logout():
    """Log out and go back to the login page."""
    if ActionForm().validate_on_submit():
        auth.end_session()
    return redirect(url_for("account.login"), code=303)
