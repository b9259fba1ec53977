"""Staff statistics for planning: requests, languages, topics, units, waiting times."""

from datetime import timedelta

from flask import Blueprint, Response, render_template

from kiosk import db, events, feedback, stats
from kiosk.clock import utc_now
from kiosk.i18n.page_language import languages
from kiosk.views import language_reviews
from kiosk.views.staff.scope import (
    PERIODS,
    chosen_days,
    chosen_prison_ids,
    chosen_prisons,
)

bp = Blueprint("stats", __name__)


def _figures():
    days = chosen_days()
    end = utc_now()
    reviews = language_reviews()
    drafts = {code for code in languages() if reviews.get(code) == "draft"}
    figures = stats.request_statistics(
        db.get_session(), end - timedelta(days=days), end, drafts, chosen_prison_ids()
    )
    return days, figures, end


@bp.get("/statistics")
def overview():
    """Figures of a chosen period, as charts with tables beside them."""
    days, figures, end = _figures()
    session = db.get_session()
    start = end - timedelta(days=days)
    answers = feedback.since(session, start, chosen_prison_ids())
    held = events.attendance(session, start, end, chosen_prison_ids())
    shown = chosen_prisons()
    compared = (
        stats.compare_prisons(session, start, end, shown) if len(shown) > 1 else []
    )
    return render_template(
        "staff/statistics.html",
        days=days,
        periods=PERIODS,
        figures=figures,
        feedback_total=len(answers),
        held=held,
        compared=compared,
        compared_chart=[(row.name, row.total) for row in compared],
    )


@bp.get("/statistics.csv")
def export():
    """The same figures as CSV."""
    days, figures, _end = _figures()
    headers = {"Content-Disposition": f"attachment; filename=statistics-{days}d.csv"}
    return Response(stats.export_csv(figures), mimetype="text/csv", headers=headers)
