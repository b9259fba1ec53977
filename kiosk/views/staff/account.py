"""Staff views: start page, login and logout."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from kiosk import accounts, auth, db
from kiosk.i18n.page_language import languages
from kiosk.throttling import count_login_attempt, forget_login_attempts
from kiosk.views import guidance_pages, language_reviews
from kiosk.views.form_fields import ActionForm
from kiosk.views.staff import open_to_anyone
from kiosk.views.staff.forms import LoginForm

bp = Blueprint("account", __name__)


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
    """Return ``target`` if it is a plain path on this site, else the start page."""
    parts = urlsplit(target or "")
    if (
        target
        and target.isprintable()  # no CR/LF (a header), no tabs or other controls
        and target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and not parts.scheme
        and not parts.netloc
    ):
        return target
    return url_for("account.start")


@bp.route("/login", methods=["GET", "POST"])
@open_to_anyone
def login():
    """Log a staff member in; the same answer for a wrong name or password."""
    if current_user.is_authenticated:
        return redirect(url_for("account.start"))
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        if not count_login_attempt(form.username.data):
            abort(429)
        session = db.get_session()
        user = accounts.authenticate(session, form.username.data, form.password.data)
        if user is not None:
            forget_login_attempts(form.username.data)
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
