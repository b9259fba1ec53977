"""Which prisons a staff page shows: the staff member's own, one of them or all.

A counsellor sees and changes only the prisons they work for; a county
coordinator sees every prison. Someone with several prisons picks one, or all of
theirs, in the header; the choice lives in their session. Every staff page asks
this module, never the request, which prisons it may show.
"""

import re

from flask import Blueprint, abort, g, redirect, request, session, url_for
from flask_login import current_user

from kiosk import db, prisons
from kiosk.models import Prison
from kiosk.views.form_fields import ActionForm

bp = Blueprint("scope", __name__)
SCOPE_KEY = "prison_scope"
PERIODS = (30, 90, 365)  # days a statistics or feedback page can look back
SAFE_PATH = re.compile(r"/(?![/\\])[\w\-./?=&%]*")  # a path on this site, nothing more


def chosen_days() -> int:
    """Return the period the page asks for, in days (90 unless one of PERIODS)."""
    days = request.args.get("days", type=int)
    return days if days in PERIODS else 90


def visible_prisons() -> list[Prison]:
    """Return the prisons the logged-in staff member may see, by name."""
    if "visible_prisons" not in g:
        g.visible_prisons = prisons.visible_to(db.get_session(), current_user)
    return g.visible_prisons


def chosen_prisons() -> list[Prison]:
    """Return the prisons the staff member chose to see now (all theirs by default)."""
    visible = visible_prisons()
    chosen = session.get(SCOPE_KEY)
    picked = [prison for prison in visible if prison.id == chosen]
    return picked or visible


def chosen_prison_ids() -> list[int]:
    """Return the ids of the chosen prisons, for the domain's queries."""
    return [prison.id for prison in chosen_prisons()]


def one_prison() -> Prison | None:
    """Return the single chosen prison, or None when several are shown."""
    chosen = chosen_prisons()
    return chosen[0] if len(chosen) == 1 else None


def require_visible(prison_id: int) -> None:
    """Answer 404 when the staff member does not work for ``prison_id``."""
    if prison_id not in {prison.id for prison in visible_prisons()}:
        abort(404)


def prison_names() -> dict[int, str]:
    """Return the names of the visible prisons by id."""
    return {prison.id: prison.name for prison in visible_prisons()}


@bp.post("/scope")
def choose():
    """Show one prison, or all the staff member's prisons, from now on."""
    if not ActionForm().validate_on_submit():
        abort(400)
    wanted = request.form.get("prison", "")
    ids = {str(prison.id): prison.id for prison in visible_prisons()}
    if wanted in ids:
        session[SCOPE_KEY] = ids[wanted]
    else:
        session.pop(SCOPE_KEY, None)
    back = request.form.get("back", "")
    target = back if SAFE_PATH.fullmatch(back) else url_for("account.start")
    return redirect(target, code=303)


def context() -> dict:
    """Give staff templates the prisons for the header's picker."""
    if not current_user.is_authenticated:
        return {}
    return {
        "visible_prisons": visible_prisons(),
        "chosen_prison": one_prison(),
        "prison_names": prison_names(),
    }
