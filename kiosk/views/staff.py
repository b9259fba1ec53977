"""Staff views on the staff listener."""

from flask import Blueprint, current_app, render_template

from kiosk.locale import languages

bp = Blueprint("staff", __name__)


@bp.get("/")
def start():
    """Show the staff start page."""
    problems = [
        *current_app.extensions["kiosk.language_problems"],
        *current_app.extensions["kiosk.content"].problems,
    ]
    return render_template(
        "staff/start.html", languages=languages().values(), problems=problems
    )
