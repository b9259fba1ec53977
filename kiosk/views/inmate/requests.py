"""Inmate views for asking for a conversation and checking its status by code."""

from flask import (
    Blueprint,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter.errors import RateLimitExceeded

from kiosk import db, events, prison_settings, session_requests
from kiosk.i18n.page_language import fallback_chain, languages
from kiosk.models import Event
from kiosk.page_cache import cached_blank_form
from kiosk.throttling import limiter, request_limit, status_limit
from kiosk.views import career_library, kiosk_prison_id, kiosk_settings
from kiosk.views.inmate.forms import RequestForm, StatusForm
from kiosk.views.inmate.visit import my_list, remember_code, remembered_code

bp = Blueprint("requests", __name__)


def _kept_occupations() -> list[tuple[str, str]]:
    library, chain = career_library(), fallback_chain(g.lang)
    kept = (library.get("occupations", slug) for slug in my_list())
    return [(doc.slug, doc.text(chain).title) for doc in kept if doc is not None]


def _request_form(**kwargs) -> RequestForm:
    offered = [(code, language.name) for code, language in languages().items()]
    form = RequestForm(
        units=prison_settings.unit_list(
            kiosk_settings().get(prison_settings.UNITS_KEY)
        ),
        languages=offered,
        kept=_kept_occupations(),
        **kwargs,
    )
    if not form.is_submitted():
        form.conversation_language.data = g.lang
        form.occupations.data = [slug for slug, _title in form.kept_occupations]
    return form


def _render_form(form: RequestForm, status: int = 200, limit_reached=False):
    page = render_template(
        "kiosk/request_form.html", form=form, limit_reached=limit_reached
    )
    return page, status


@bp.get("/<lang:lang>/request")
def form():
    """Show the request form: blank, and the same for every visit with no list."""
    if not my_list():
        return cached_blank_form(lambda: _render_form(_request_form())[0])
    return _render_form(_request_form())


# GET and POST are two views: the limit is checked (and costs) only on a POST.
@bp.post("/<lang:lang>/request")
@limiter.limit(request_limit)
def send():
    """Store a valid request and show its code; else the form with what was typed."""
    form = _request_form()
    if form.validate_on_submit():
        new = form.to_new_request(g.lang, kiosk_prison_id())
        stored = session_requests.submit(db.get_session(), new)
        # The code goes into this visit's session, never into the address: after
        # the idle reset, Back shows the next reader nothing of it.
        remember_code("request_code", stored.request_code)
        return redirect(url_for(".sent"), code=303)
    return _render_form(form, 422 if form.is_submitted() else 200)


@bp.errorhandler(RateLimitExceeded)
def limit_reached(_error):
    """Keep what the reader typed and say kindly that the limit is reached."""
    if request.endpoint == "requests.send":  # a fresh token: it can be sent again
        return _render_form(_request_form(), 429, True)
    return render_template("kiosk/status.html", form=StatusForm(), limited=True), 429


@bp.get("/<lang:lang>/request/sent")
def sent():
    """Show this visit's new request code, large, with its place in the queue."""
    session = db.get_session()
    code = remembered_code("request_code")
    stored = (
        session_requests.find_by_code(session, code, kiosk_prison_id())
        if code
        else None
    )
    if stored is None:  # another visit's page, or the terminal was reset
        return redirect(url_for(".form"), code=303)
    position = session_requests.queue_position(session, stored)
    return render_template("kiosk/request_sent.html", stored=stored, position=position)


@bp.get("/<lang:lang>/status")
def status():
    """Show the field for a code (the same page for every visit)."""
    return cached_blank_form(
        lambda: render_template("kiosk/status.html", form=StatusForm())
    )


@bp.post("/<lang:lang>/status")
@limiter.limit(status_limit)
def look_up():
    """Look a code up and show only the status of its request."""
    form = StatusForm()
    if not form.validate_on_submit():
        code = 422 if form.is_submitted() else 200
        return render_template("kiosk/status.html", form=form), code
    session = db.get_session()
    found = session_requests.find_by_code(session, form.code.data, kiosk_prison_id())
    if found is None:
        signup = events.find_by_code(session, form.code.data, kiosk_prison_id())
        if signup is not None:  # the same page takes the codes of event sign-ups
            event = session.get(Event, signup.event_id)
            return render_template(
                "kiosk/status.html",
                form=form,
                signup=signup,
                event=event,
                title=events.title(event, fallback_chain(g.lang)),
                place=events.place_of(session, signup),
            )
        return render_template("kiosk/status.html", form=form, not_found=True), 404
    return render_template(
        "kiosk/status.html",
        form=form,
        found=found,
        shown_status=session_requests.status_for_inmate(found),
        position=session_requests.queue_position(session, found),
    )
