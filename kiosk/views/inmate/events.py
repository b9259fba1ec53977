"""Inmate views of group sessions and employer visits: see them, sign up, get a code."""

from flask import Blueprint, abort, g, redirect, render_template, url_for

from kiosk import db, events
from kiosk.i18n.page_language import fallback_chain
from kiosk.labels import EVENT_ERRORS
from kiosk.models import Event
from kiosk.throttling import limiter, request_limit
from kiosk.views import kiosk_prison_id
from kiosk.views.inmate.forms import EventSignupForm

bp = Blueprint("events", __name__)


def _view(event: Event) -> dict:
    taken, waiting = events.counts(db.get_session(), event)
    return {
        "event": event,
        "title": events.title(event, fallback_chain(g.lang)),
        "places_left": event.capacity - taken,
        "waiting": waiting,
    }


@bp.get("/<lang:lang>/events")
def index():
    """The events that have not started yet."""
    upcoming = events.upcoming(db.get_session(), prison_ids=[kiosk_prison_id()])
    return render_template("kiosk/events.html", items=[_view(e) for e in upcoming])


@bp.route("/<lang:lang>/events/<int:event_id>", methods=["GET", "POST"])
@limiter.limit(request_limit, methods=["POST"])
def event(event_id: int):
    """One event and its sign-up form."""
    session = db.get_session()
    found = session.get(Event, event_id)
    if found is None or found.prison_id != kiosk_prison_id():
        abort(404)
    form = EventSignupForm()
    if form.validate_on_submit():
        try:
            signup = events.sign_up(session, found, form.name.data, form.unit.data)
        except events.EventError as error:
            form.form_errors.append(EVENT_ERRORS[error.reason])
        else:
            return redirect(url_for(".signed", code=signup.signup_code), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("kiosk/event.html", form=form, **_view(found)), status


@bp.get("/<lang:lang>/events/signed/<code>")
def signed(code: str):
    """The sign-up's code, large, with the place or the number on the waiting list."""
    session = db.get_session()
    signup = events.find_by_code(session, code, kiosk_prison_id())
    if signup is None or signup.signup_code != code:
        abort(404)
    found = session.get(Event, signup.event_id)
    return render_template(
        "kiosk/event_signed.html",
        signup=signup,
        place=events.place_of(session, signup),
        **_view(found),
    )
