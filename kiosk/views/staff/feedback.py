"""Staff view of the anonymous feedback: distributions and comments."""

from datetime import timedelta

from flask import Blueprint, render_template

from kiosk import db, feedback
from kiosk.clock import utc_now
from kiosk.views.staff.scope import PERIODS, chosen_days, chosen_prison_ids

bp = Blueprint("feedback", __name__)


@bp.get("/feedback")
def overview():
    """Ratings, what helped and the comments of a chosen period."""
    days = chosen_days()
    since = utc_now() - timedelta(days=days)
    entries = feedback.since(db.get_session(), since, chosen_prison_ids())
    return render_template(
        "staff/feedback.html",
        days=days,
        periods=PERIODS,
        summary=feedback.summary(entries),
    )
