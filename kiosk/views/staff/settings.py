"""Staff view of the prison's settings: units and the request limit per terminal."""

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from kiosk import audit, db, prison_settings
from kiosk.labels import SETTING_ERRORS
from kiosk.views.staff.forms import SettingsForm

bp = Blueprint("settings", __name__)


@bp.route("/settings", methods=["GET", "POST"])
def edit():
    """Edit the units and the request limit per terminal."""
    session = db.get_session()
    limit = prison_settings.request_limit(session, current_app.config["REQUEST_LIMIT"])
    form = SettingsForm(
        units="\n".join(prison_settings.units(session)), request_limit=limit
    )
    if form.validate_on_submit():
        before = {"units": prison_settings.units(session), "request_limit": limit}
        try:
            after = prison_settings.save(
                session, (form.units.data or "").splitlines(), form.request_limit.data
            )
        except prison_settings.SettingError as error:
            getattr(form, error.field).errors.append(SETTING_ERRORS[error.field])
        else:
            audit.record(
                session, current_user.username, "settings", before=before, after=after
            )
            session.commit()
            return redirect(url_for(".edit", saved=1), code=303)
    status = 422 if form.is_submitted() else 200
    saved = request.args.get("saved") == "1"
    return render_template("staff/settings.html", form=form, saved=saved), status
