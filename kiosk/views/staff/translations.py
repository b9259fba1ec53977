"""Staff view of the translations: review state per page and catalog, per language."""

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template

from kiosk.i18n import check as i18n_check
from kiosk.i18n import review
from kiosk.i18n.page_language import languages
from kiosk.library.markdown import SOURCE_LANGUAGE

bp = Blueprint("translations", __name__)
STATE_ORDER = ("outdated", "missing", "draft", "reviewed")


def _dirs():
    config = current_app.config
    return config["TRANSLATIONS_DIR"], config["CONTENT_DIR"]


@bp.get("/translations")
def overview():
    """The status table of every language and the problems the check finds."""
    translations_dir, content_dir = _dirs()
    problems = i18n_check.check_all(
        translations_dir, content_dir, Path(current_app.static_folder)
    )
    return render_template(
        "staff/translations.html",
        rows=i18n_check.all_status(translations_dir, content_dir),
        problems=problems,
    )


@bp.get("/translations/<code>")
def language(code: str):
    """Every page of one language by review state, and its missing strings."""
    if code not in languages():
        abort(404)
    translations_dir, content_dir = _dirs()
    row = i18n_check.language_status(languages()[code], translations_dir, content_dir)
    by_state = {
        state: row.pages_in(state) for state in STATE_ORDER if row.pages_in(state)
    }
    return render_template(
        "staff/translation_language.html",
        row=row,
        by_state=by_state,
        language=languages()[code],
    )


@bp.get("/translations/<code>/<path:page_id>")
def page(code: str, page_id: str):
    """One page beside its Norwegian source, with its review, for a reviewer."""
    if code not in languages():
        abort(404)
    translations_dir, content_dir = _dirs()
    row = i18n_check.language_status(languages()[code], translations_dir, content_dir)
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
