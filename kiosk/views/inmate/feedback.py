"""Inmate view for anonymous feedback: a few taps, no name, no code."""

from flask import (
    Blueprint,
    current_app,
    g,
    redirect,
    render_template,
    url_for,
)
from wtforms.fields.choices import SelectChoice

from kiosk import db, feedback
from kiosk.labels import HELPED_LABELS
from kiosk.page_cache import cached_blank_form
from kiosk.throttling import limiter
from kiosk.views import kiosk_prison_id
from kiosk.views.inmate.forms import FeedbackForm

bp = Blueprint("feedback", __name__)


def _limit() -> str:
    return current_app.config["FEEDBACK_LIMIT"]


def _form() -> FeedbackForm:
    form = FeedbackForm()
    form.helped.choices = [
        SelectChoice(key, HELPED_LABELS[key]) for key in feedback.HELPED
    ]
    return form


@bp.get("/<lang:lang>/feedback")
def form():
    """Ask how useful career guidance was (the same blank form for every visit)."""
    return cached_blank_form(
        lambda: render_template("kiosk/feedback_form.html", form=_form())
    )


@bp.post("/<lang:lang>/feedback")
@limiter.limit(_limit)
def send():
    """Store the answer without any identity; else the form with what was chosen."""
    form = _form()
    if form.validate_on_submit():
        feedback.submit(
            db.get_session(),
            int(form.rating.data),
            form.helped.data or [],
            form.missing.data or "",
            g.lang,
            prison_id=kiosk_prison_id(),
        )
        return redirect(url_for(".thanks"), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("kiosk/feedback_form.html", form=form), status


@bp.get("/<lang:lang>/feedback/thanks")
def thanks():
    """Thank the reader."""
    return render_template("kiosk/feedback_thanks.html")
