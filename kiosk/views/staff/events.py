"""Staff views of group sessions and employer visits: create, who comes, attendance."""

from datetime import datetime
from zoneinfo import ZoneInfo

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
from wtforms.fields.choices import SelectChoice

from kiosk import db, events
from kiosk.i18n.page_language import languages
from kiosk.labels import EVENT_ERRORS, EVENT_KIND_LABELS
from kiosk.models import Event
from kiosk.session_requests import has_control_characters
from kiosk.views.form_fields import ActionForm
from kiosk.views.staff.forms import EventForm
from kiosk.views.staff.scope import (
    chosen_prison_ids,
    chosen_prisons,
    one_prison,
    require_visible,
)

bp = Blueprint("events", __name__)
TITLE_MAX = 120


def _form() -> EventForm:
    form = EventForm()
    form.kind.choices = [SelectChoice(k, EVENT_KIND_LABELS[k]) for k in events.KINDS]
    return form


def _titles() -> dict[str, str]:
    return {
        code: request.form.get(f"title-{code}", "")[:TITLE_MAX] for code in languages()
    }


@bp.route("/events", methods=["GET", "POST"])
def index():
    """Every event, and a form to create one."""
    session = db.get_session()
    form = _form()
    prison = one_prison()
    titles_plain = not any(has_control_characters(t) for t in _titles().values())
    if not titles_plain:
        form.form_errors.append(EVENT_ERRORS["title-characters"])
    if prison is not None and form.validate_on_submit() and titles_plain:
        zone = ZoneInfo(current_app.config["TIMEZONE"])
        starts = datetime.combine(form.day.data, form.time.data, tzinfo=zone)
        try:
            made = events.create(
                session,
                current_user.username,
                form.kind.data,
                _titles(),
                starts,
                form.place.data,
                form.capacity.data,
                (form.units.data or "").splitlines(),
                prison.id,
            )
        except events.EventError as error:
            form.form_errors.append(EVENT_ERRORS[error.reason])
        else:
            return redirect(url_for(".show", event_id=made.id), code=303)
    rows = [
        (e, events.title(e, ["nb"]), events.counts(session, e))
        for e in events.all_events(session, chosen_prison_ids())
    ]
    status = 422 if form.is_submitted() else 200
    page = render_template(
        "staff/events.html",
        rows=rows,
        form=form if prison is not None else None,
        show_prison=len(chosen_prisons()) > 1,
        titles=_titles() if form.is_submitted() else {},
    )
    return page, status


@bp.get("/events/<int:event_id>")
def show(event_id: int):
    """Who has a place and who waits, with attendance."""
    session = db.get_session()
    found = session.get(Event, event_id)
    if found is None:
        abort(404)
    require_visible(found.prison_id)
    return render_template(
        "staff/event.html",
        event=found,
        title=events.title(found, ["nb"]),
        participants=events.participants(session, found),
        form=ActionForm(),
    )


@bp.post("/events/<int:event_id>/attendance")
def attendance(event_id: int):
    """Record who came."""
    session = db.get_session()
    found = session.get(Event, event_id)
    if found is None:
        abort(404)
    require_visible(found.prison_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    came = {int(v) for v in request.form.getlist("came") if v.isdecimal()}
    events.mark_attendance(session, found, came)
    return redirect(url_for(".show", event_id=event_id), code=303)
