"""Staff statistics for planning: requests, languages, topics, units, waiting times."""

from datetime import timedelta

from flask import Blueprint, Response, render_template, request

from kiosk import db, events, feedback, stats
from kiosk.clock import utc_now
from kiosk.i18n.page_language import languages
from kiosk.views import language_reviews

bp = Blueprint("stats", __name__)
PERIODS = (30, 90, 365)


def _figures():
    days = request.args.get("days", type=int)
    days = days if days in PERIODS else 90
    end = utc_now()
    reviews = language_reviews()
    drafts = {code for code in languages() if reviews.get(code) == "draft"}
    figures = stats.request_statistics(
        db.get_session(), end - timedelta(days=days), end, drafts
    )
    return days, figures, end


@bp.get("/statistics")
def overview():
    """Figures of a chosen period, as charts with tables beside them."""
    days, figures, end = _figures()
    session = db.get_session()
    answers = feedback.since(session, end - timedelta(days=days))
    held = events.attendance(session, end - timedelta(days=days), end)
    return render_template(
        "staff/statistics.html",
        days=days,
        periods=PERIODS,
        figures=figures,
        feedback_total=len(answers),
        held=held,
    )


@bp.get("/statistics.csv")
def export():
    """The same figures as CSV."""
    days, figures, _end = _figures()
    headers = {"Content-Disposition": f"attachment; filename=statistics-{days}d.csv"}
    return Response(stats.export_csv(figures), mimetype="text/csv", headers=headers)
