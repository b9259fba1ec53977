"""Staff views for the request queue: filter, schedule, notes, close, day list, CSV."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from kiosk import audit, db, prison_settings, session_requests
from kiosk.clock import utc_now
from kiosk.htmx import render_page_or_fragment
from kiosk.models import SessionRequest
from kiosk.session_requests import QueueFilter, RequestError, has_control_characters
from kiosk.views.form_fields import ActionForm
from kiosk.views.staff.forms import CloseForm, NotesForm, ScheduleForm
from kiosk.views.staff.labels import REQUEST_ERRORS
from kiosk.views.staff.scope import (
    chosen_prison_ids,
    chosen_prisons,
    prison_names,
    require_visible,
)

bp = Blueprint("queue", __name__)


def _arg(name: str, default: str, longest: int) -> str:
    """A query parameter as plain text: a NUL or control character never reaches SQL."""
    value = request.args.get(name, default)[:longest]
    return "" if has_control_characters(value) else value


def _filters() -> QueueFilter:
    args = request.args
    return QueueFilter(
        status=_arg("status", "open", 16),
        unit=_arg("unit", "", 200),
        language=_arg("language", "", 16),
        topic=_arg("topic", "", 32),
        newest_first=args.get("order") == "newest",
        prison_ids=tuple(chosen_prison_ids()),
    )


@bp.get("/queue")
def queue():
    """List the requests that match the filters, with waiting time and flags."""
    session = db.get_session()
    filters = _filters()
    ids = chosen_prison_ids()
    configured = {unit for i in ids for unit in prison_settings.units(session, i)}
    return render_page_or_fragment(
        "staff/queue.html",
        "staff/_queue_rows.html",
        filters=filters,
        requests=session_requests.list_queue(session, filters),
        duplicates=session_requests.likely_duplicates(session, ids),
        units=sorted(configured | set(session_requests.units_in_use(session, ids))),
        show_prison=len(chosen_prisons()) > 1,
        now=utc_now(),
    )


@bp.get("/queue.csv")
def queue_csv():
    """Download the filtered queue as CSV; the export itself is audited."""
    session = db.get_session()
    filters = _filters()
    rows = session_requests.list_queue(session, filters)
    audit.record(
        session,
        current_user.username,
        "export",
        after={"filters": vars(filters), "rows": len(rows)},
    )
    session.commit()
    headers = {"Content-Disposition": "attachment; filename=requests.csv"}
    body = session_requests.export_csv(rows, prison_names())
    return Response(body, mimetype="text/csv", headers=headers)


def _load(request_id: int) -> SessionRequest:
    found = db.get_session().get(SessionRequest, request_id)
    if found is None:
        abort(404)
    require_visible(found.prison_id)
    return found


def _render_request(found, status=200, **forms):
    session = db.get_session()
    local = found.scheduled_at.astimezone(_zone()) if found.scheduled_at else None
    forms.setdefault(
        "schedule_form",
        ScheduleForm(
            formdata=None,
            day=local.date() if local else None,
            time=local.time() if local else None,
            place=found.place,
        ),
    )
    forms.setdefault("notes_form", NotesForm(formdata=None, notes=found.notes))
    forms.setdefault("close_form", CloseForm(formdata=None))
    page = render_template(
        "staff/request.html",
        found=found,
        events=audit.events_for_request(session, found.id),
        reads=audit.reads_of_request(session, found.id),
        action_form=ActionForm(formdata=None),
        duplicate=found.id
        in session_requests.likely_duplicates(session, [found.prison_id]),
        now=utc_now(),
        **forms,
    )
    return page, status


@bp.get("/requests/<int:request_id>")
def show(request_id: int):
    """Show one request with its forms and its audit trail; the reading is audited."""
    found = _load(request_id)
    audit.record_read(db.get_session(), current_user.username, found.id)
    return _render_request(found)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def _apply(request_id: int, form, change):
    """Validate ``form``, run ``change``, and answer 303 or the page with errors."""
    found = _load(request_id)
    if form.validate_on_submit():
        try:
            change(found, form)
        except RequestError as error:
            form.form_errors.append(REQUEST_ERRORS[error.reason])
        else:
            return redirect(url_for(".show", request_id=request_id), code=303)
    name = {
        ScheduleForm: "schedule_form",
        NotesForm: "notes_form",
        CloseForm: "close_form",
    }.get(type(form), "action_form")
    return _render_request(found, 422, **{name: form})


@bp.post("/requests/<int:request_id>/schedule")
def schedule(request_id: int):
    """Give the request a day, time and place."""

    def change(found, form):
        local = datetime.combine(form.day.data, form.time.data, tzinfo=_zone())
        session_requests.schedule(
            db.get_session(), found, current_user.username, local, form.place.data
        )

    return _apply(request_id, ScheduleForm(), change)


@bp.post("/requests/<int:request_id>/notes")
def notes(request_id: int):
    """Replace the internal notes."""

    def change(found, form):
        session_requests.set_notes(
            db.get_session(), found, current_user.username, form.notes.data or ""
        )

    return _apply(request_id, NotesForm(), change)


@bp.post("/requests/<int:request_id>/close")
def close(request_id: int):
    """Close as done, did not come, or withdrawn."""

    def change(found, form):
        session_requests.close(
            db.get_session(), found, current_user.username, form.outcome.data
        )

    return _apply(request_id, CloseForm(), change)


@bp.post("/requests/<int:request_id>/reopen")
def reopen(request_id: int):
    """Open a closed request again."""

    def change(found, _form):
        session_requests.reopen(db.get_session(), found, current_user.username)

    return _apply(request_id, ActionForm(), change)


@bp.get("/today")
def today():
    """The day's conversations, to print."""
    zone = _zone()
    start = (
        utc_now().astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    )
    scheduled = session_requests.scheduled_between(
        db.get_session(), start, start + timedelta(days=1), chosen_prison_ids()
    )
    return render_template(
        "staff/today.html",
        day=start,
        scheduled=scheduled,
        show_prison=len(chosen_prisons()) > 1,
    )
