"""Health of a running kiosk, for the staff listener's ``/healthz``."""

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from kiosk import db
from kiosk.views.staff import open_to_anyone

bp = Blueprint("health", __name__)


def health_report(app) -> dict[str, str]:
    """Return a state per part: database reachable, migrations current, catalogs."""
    url = app.config["DATABASE_URL"]
    report = {}
    try:
        with db.engine_for(url).connect() as connection:
            connection.execute(text("SELECT 1"))
        report["database"] = "ok"
        report["migrations"] = "current" if db.migrations_current(url) else "behind"
    except Exception as error:  # any failure here is what the check is for
        report["database"] = f"unreachable: {type(error).__name__}"
        report["migrations"] = "unknown"
    served = app.extensions["kiosk.languages"]
    catalogs = app.config["TRANSLATIONS_DIR"]
    missing = [
        code
        for code in served
        if code != "en"
        and not (catalogs / code / "LC_MESSAGES" / "messages.mo").exists()
    ]
    report["catalogs"] = "loaded" if not missing else "missing: " + ",".join(missing)
    return report


@bp.get("/healthz")
@open_to_anyone
def healthz():
    """Answer 200 when every part is well, 503 otherwise; no login needed."""
    report = health_report(current_app)
    healthy = (
        report["database"] == "ok"
        and report["migrations"] == "current"
        and report["catalogs"] == "loaded"
    )
    return jsonify(status="ok" if healthy else "failing", **report), (
        200 if healthy else 503
    )
