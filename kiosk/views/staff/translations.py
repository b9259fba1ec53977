"""Staff view of the translations: review state per page and catalog, per language."""

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from kiosk.config import recordings_dir
from kiosk.i18n import check as i18n_check
from kiosk.i18n import review
from kiosk.i18n.page_language import languages
from kiosk.library.markdown import SOURCE_LANGUAGE
from kiosk.views import audio_library

bp = Blueprint("translations", __name__)
STATE_ORDER = ("outdated", "missing", "draft", "reviewed")


def _dirs():
    config = current_app.config
    return config["TRANSLATIONS_DIR"], config["CONTENT_DIR"]


@bp.get("/translations")
def overview():
    """The status table of every language and the problems the check finds."""
    translations_dir, content_dir = _dirs()
    uploads = recordings_dir(current_app.config)
    static = Path(current_app.static_folder)
    problems = i18n_check.remembered(
        i18n_check.check_all, translations_dir, content_dir, static, uploads
    )
    return render_template(
        "staff/translations.html",
        rows=i18n_check.remembered(
            i18n_check.all_status, translations_dir, content_dir, uploads
        ),
        problems=problems,
    )


@bp.get("/translations/<code>")
def language(code: str):
    """Every page of one language by review state, and its missing strings."""
    if code not in languages():
        abort(404)
    translations_dir, content_dir = _dirs()
    loaded = audio_library().recordings
    row = i18n_check.language_status(
        languages()[code], translations_dir, content_dir, loaded
    )
    by_state = {
        state: row.pages_in(state) for state in STATE_ORDER if row.pages_in(state)
    }
    source_dir = content_dir / SOURCE_LANGUAGE
    page_ids = sorted(
        [
            path.relative_to(source_dir).with_suffix("").as_posix()
            for path in i18n_check.content_files(source_dir, depth=0)
        ]
        + [review.GLOSSARY]
    )
    return render_template(
        "staff/translation_language.html",
        row=row,
        by_state=by_state,
        page_ids=page_ids,
        language=languages()[code],
    )


@bp.get("/translations/record")
def record():
    """Open the recording page of the page chosen in the list."""
    code, page_id = request.args.get("code", ""), request.args.get("page_id", "")
    if code not in languages() or not page_id:
        abort(404)
    return redirect(url_for("recordings.page", code=code, page_id=page_id), code=303)


@bp.get("/translations/<code>/<path:page_id>")
def page(code: str, page_id: str):
    """One page beside its Norwegian source, with its review, for a reviewer."""
    if code not in languages():
        abort(404)
    translations_dir, content_dir = _dirs()
    loaded = audio_library().recordings
    row = i18n_check.language_status(
        languages()[code], translations_dir, content_dir, loaded
    )
    if page_id not in row.page_states:
        abort(404)
    suffix = ".toml" if page_id == review.GLOSSARY else ".md"
    return render_template(
        "staff/translation_page.html",
        row=row,
        language=languages()[code],
        page_id=page_id,
        state=row.page_states[page_id],
        done=row.reviews.get(page_id),
        source=_read(content_dir / SOURCE_LANGUAGE / f"{page_id}{suffix}"),
        translation=_read(content_dir / code / f"{page_id}{suffix}"),
    )


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""
