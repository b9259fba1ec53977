"""Staff views of the booklet's self-assessment: list, answer, compare, report."""

import json
import re

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

from kiosk import assessment, db, prison_offer
from kiosk.i18n.page_language import languages
from kiosk.library.documents import KINDS
from kiosk.models import Assessment
from kiosk.views import career_library, guidance_pages, language_reviews
from kiosk.views.form_fields import ActionForm
from kiosk.views.staff.scope import (
    chosen_prison_ids,
    chosen_prisons,
    one_prison,
    require_visible,
)

bp = Blueprint("assessment", __name__)


def _booklet() -> assessment.Booklet:
    return current_app.extensions["kiosk.booklet"]


def _parts() -> list[assessment.Part]:
    return list(_booklet().parts)


def _websites_listed() -> int:
    """Count the web addresses on the Norwegian websites page."""
    page = guidance_pages().find("websites", ["nb"])
    return len(re.findall(r"<code>", page.page.html)) if page else 0


def _load(assessment_id: int) -> Assessment:
    found = db.get_session().get(Assessment, assessment_id)
    if found is None:
        abort(404)
    require_visible(found.prison_id)
    return found


@bp.get("/assessments")
def index():
    """Every assessment with its scores per part, and the scores over time."""
    session = db.get_session()
    rows = [
        (item, assessment.scores(session, item, _parts()))
        for item in assessment.history(session, chosen_prison_ids())
    ]
    return render_template(
        "staff/assessments.html",
        rows=rows,
        parts=_parts(),
        form=ActionForm(),
        prison=one_prison(),
        show_prison=len(chosen_prisons()) > 1,
    )


@bp.post("/assessments")
def create():
    """Start a new assessment, as a copy of the last one if asked."""
    prison = one_prison()
    if not ActionForm().validate_on_submit() or prison is None:
        abort(400)
    session = db.get_session()
    earlier = assessment.history(session, [prison.id])
    copy_of = earlier[-1] if earlier and request.form.get("copy") == "1" else None
    made = assessment.create(session, current_user.username, copy_of, prison.id)
    return redirect(url_for(".show", assessment_id=made.id), code=303)


def _page(template: str, found: Assessment):
    session = db.get_session()
    earlier = assessment.previous(session, found)
    library = career_library()
    evidence = {
        **assessment.evidence(session, prison_id=found.prison_id),
        "languages": list(languages().values()),
        "reviews": language_reviews(),
        "library": {kind: len(library.of_kind(kind)) for kind in KINDS},
        "offer": prison_offer.load(session, found.prison_id),
        "websites": _websites_listed(),
    }
    return render_template(
        template,
        found=found,
        booklet=_booklet(),
        parts=_parts(),
        answers=assessment.answers_of(session, found),
        notes=json.loads(found.notes or "{}"),
        earlier=earlier,
        changed=assessment.changes(session, earlier, found),
        scores=assessment.scores(session, found, _parts()),
        evidence=evidence,
        form=ActionForm(),
    )


@bp.get("/assessments/<int:assessment_id>")
def show(assessment_id: int):
    """The questions with their answers, what changed since the last one, and tips."""
    return _page("staff/assessment.html", _load(assessment_id))


@bp.post("/assessments/<int:assessment_id>")
def save(assessment_id: int):
    """Store the answers and notes."""
    found = _load(assessment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    form = request.form
    answers = {
        q.key: (
            form.get(f"answer-{q.key}"),
            form.get(f"how-{q.key}", ""),
            form.get(f"todo-{q.key}", ""),
        )
        for q in assessment.all_questions(_parts())
    }
    notes = {part.key: form.get(f"notes-{part.key}", "") for part in _parts()}
    assessment.save(db.get_session(), found, _parts(), answers, notes)
    return redirect(url_for(".show", assessment_id=assessment_id, saved=1), code=303)


@bp.get("/assessments/<int:assessment_id>/report")
def report(assessment_id: int):
    """A printable report of one assessment."""
    return _page("staff/assessment_report.html", _load(assessment_id))


@bp.get("/assessments/<int:assessment_id>.csv")
def export(assessment_id: int):
    """The assessment as CSV."""
    found = _load(assessment_id)
    body = assessment.export_csv(db.get_session(), found, _parts())
    headers = {"Content-Disposition": f"attachment; filename=assessment-{found.id}.csv"}
    return Response(body, mimetype="text/csv", headers=headers)
