"""Staff view of the translations: what is missing or outdated, per language."""

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template
from flask_login import login_required

from kiosk import translation_check
from kiosk.content import SOURCE_LANGUAGE
from kiosk.locale import languages

bp = Blueprint("translations", __name__)


@bp.before_request
@login_required
def _staff_only():
    """Every translation page needs a logged-in staff member."""


def _dirs():
    config = current_app.config
    return config["TRANSLATIONS_DIR"], config["CONTENT_DIR"]


@bp.get("/translations")
def overview():
    """The status table of every language and the problems the check finds."""
    translations_dir, content_dir = _dirs()
    problems = translation_check.check_all(
        translations_dir, content_dir, Path(current_app.static_folder)
    )
    return render_template(
        "staff/translations.html",
        rows=translation_check.all_status(translations_dir, content_dir),
        problems=problems,
    )


@bp.get("/translations/<code>")
def language(code: str):
    """Missing strings, and missing or outdated pages beside their Norwegian source."""
    if code not in languages():
        abort(404)
    translations_dir, content_dir = _dirs()
    row = translation_check.language_status(
        languages()[code], translations_dir, content_dir
    )
    pages = [
        {
            "slug": slug,
            "state": state,
            "source": _read(content_dir / SOURCE_LANGUAGE / f"{slug}.md"),
            "translation": _read(content_dir / code / f"{slug}.md"),
        }
        for state, slugs in (
            ("outdated", row.pages_outdated),
            ("missing", row.pages_missing),
        )
        for slug in slugs
    ]
    return render_template(
        "staff/translation_language.html",
        row=row,
        pages=pages,
        language=languages()[code],
    )


def _read(path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""
