"""Staff view of the prison's settings: units and the request limit per terminal."""

from datetime import time

from babel.dates import get_day_names
from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from kiosk import audit, db, prison_offer, prison_settings
from kiosk.i18n.page_language import current_language, languages
from kiosk.labels import WHEN_LABELS
from kiosk.prison_offer import WEEKDAYS, Offer
from kiosk.views.staff.forms import OfferForm, SettingsForm
from kiosk.views.staff.labels import SETTING_ERRORS
from kiosk.views.staff.scope import one_prison

bp = Blueprint("settings", __name__)


def _choose_a_prison_first(template: str):
    """Settings belong to one prison: ask someone who shows several to pick one."""
    return render_template(template, form=None, saved=False), 200


@bp.route("/settings", methods=["GET", "POST"])
def edit():
    """Edit one prison's units and its request limit per terminal."""
    prison = one_prison()
    if prison is None:
        return _choose_a_prison_first("staff/settings.html")
    session = db.get_session()
    default = current_app.config["REQUEST_LIMIT"]
    limit = prison_settings.request_limit(session, default, prison.id)
    units = prison_settings.units(session, prison.id)
    form = SettingsForm(units="\n".join(units), request_limit=limit)
    if form.validate_on_submit():
        before = {"units": units, "request_limit": limit}
        try:
            after = prison_settings.save(
                session,
                (form.units.data or "").splitlines(),
                form.request_limit.data,
                prison.id,
            )
        except prison_settings.SettingError as error:
            getattr(form, error.field).errors.append(SETTING_ERRORS[error.field])
        else:
            audit.record(
                session,
                current_user.username,
                "settings",
                prison_id=prison.id,
                before=before,
                after=after,
            )
            session.commit()
            return redirect(url_for(".edit", saved=1), code=303)
    status = 422 if form.is_submitted() else 200
    saved = request.args.get("saved") == "1"
    return render_template("staff/settings.html", form=form, saved=saved), status


def _answer(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _yes_no(answer: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(answer or "")


def _offer_form(offer: Offer) -> OfferForm:
    form = OfferForm(
        one_to_one=_answer(offer.one_to_one),
        groups=_answer(offer.groups),
        interpreter=_answer(offer.interpreter),
        when=offer.when,
        languages=offer.languages,
        days=offer.days,
        place=offer.place,
        note=offer.note,
    )
    if not form.is_submitted():
        form.hours_from.data = _time(offer.hours_from)
        form.hours_to.data = _time(offer.hours_to)
    day_names = get_day_names("wide", locale=current_language().code)
    form.when.choices = [SelectChoice("", _l("Not said"))] + [
        SelectChoice(key, label) for key, label in WHEN_LABELS.items()
    ]
    form.languages.choices = [
        *[(code, language.name) for code, language in languages().items()],
        ("other", _l("Another language")),
    ]
    form.days.choices = [(day, day_names[i]) for i, day in enumerate(WEEKDAYS)]
    return form


def _time(text: str) -> time | None:
    return time.fromisoformat(text) if text else None


def _submitted(form: OfferForm) -> Offer:
    return Offer(
        one_to_one=_yes_no(form.one_to_one.data),
        groups=_yes_no(form.groups.data),
        when=form.when.data or "",
        languages=form.languages.data or [],
        interpreter=_yes_no(form.interpreter.data),
        days=form.days.data or [],
        hours_from=form.hours_from.data or "",
        hours_to=form.hours_to.data or "",
        place=form.place.data or "",
        note=form.note.data or "",
        note_language=current_app.config["STAFF_LANGUAGE"],
    )


@bp.route("/offer", methods=["GET", "POST"])
def offer():
    """Set what this prison offers; inmates see it on the kiosk's guidance pages."""
    prison = one_prison()
    if prison is None:
        return _choose_a_prison_first("staff/offer.html")
    session = db.get_session()
    before = prison_offer.load(session, prison.id)
    form = _offer_form(before)
    if form.validate_on_submit():
        try:
            after = prison_offer.clean(_submitted(form), list(languages()))
        except prison_offer.OfferError as error:
            form.form_errors.append(_l("Please check the form"))
            current_app.logger.info("offer refused: %s", error.field)
        else:
            prison_offer.save(session, after, prison.id)
            audit.record(
                session,
                current_user.username,
                "offer",
                prison_id=prison.id,
                before=prison_offer.as_record(before),
                after=prison_offer.as_record(after),
            )
            session.commit()
            return redirect(url_for(".offer", saved=1), code=303)
    status = 422 if form.is_submitted() else 200
    saved = request.args.get("saved") == "1"
    page = render_template("staff/offer.html", form=form, saved=saved)
    return page, status
