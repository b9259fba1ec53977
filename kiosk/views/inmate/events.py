"""Inmate views of group sessions and employer visits: see them, sign up, get a code."""

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_limiter.errors import RateLimitExceeded

from kiosk import db, events
from kiosk.errors import MESSAGES
from kiosk.i18n.page_language import fallback_chain
from kiosk.labels import EVENT_ERRORS
from kiosk.models import Event
from kiosk.throttling import limiter, request_limit
from kiosk.views import kiosk_prison_id
from kiosk.views.inmate.forms import EventSignupForm
from kiosk.views.inmate.visit import remember_code, remembered_code

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
            remember_code("signup_code", signup.signup_code)  # never in the address
            return redirect(url_for(".signed"), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("kiosk/event.html", form=form, **_view(found)), status


@bp.errorhandler(RateLimitExceeded)
def limit_reached(_error):
    """Keep what the reader typed, with a fresh token, and ask them to wait."""
    found = db.get_session().get(Event, request.view_args["event_id"])
    if found is None:
        title, message = MESSAGES[429]
        return render_template("kiosk/error.html", title=title, message=message), 429
    form = EventSignupForm()
    form.form_errors.append(EVENT_ERRORS["limit"])
    return render_template("kiosk/event.html", form=form, **_view(found)), 429


@bp.get("/<lang:lang>/events/signed")
def signed():
    """This visit's sign-up code, large, with its place or waiting-list number."""
    session = db.get_session()
    code = remembered_code("signup_code")
    signup = events.find_by_code(session, code, kiosk_prison_id()) if code else None
    if signup is None:  # another visit's page, or the terminal was reset
        return redirect(url_for(".index"), code=303)
    found = session.get(Event, signup.event_id)
    return render_template(
        "kiosk/event_signed.html",
        signup=signup,
        place=events.place_of(session, signup),
        **_view(found),
    )
