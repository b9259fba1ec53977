"""Staff upload of recordings: a translator or counsellor reads a page aloud.

The file is kept beside the content (``content/<lang>/audio/<page>/``, to be
committed like the text), tied to the paragraph it reads, rendered at once and
played by the kiosk from its next page on.
"""

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from itsdangerous import BadSignature
from werkzeug.http import parse_cookie
from wtforms import IntegerField, TextAreaField
from wtforms.validators import NumberRange, Optional

from kiosk.config import recordings_dir
from kiosk.headers import STATIC_MAX_AGE
from kiosk.i18n import review
from kiosk.i18n.page_language import languages
from kiosk.library import audio, recordings, speech
from kiosk.library.audio import Paragraph
from kiosk.library.markdown import MarkdownRenderer, icon_names
from kiosk.views import audio_library

bp = Blueprint("recordings", __name__)
RECORDINGS_PATH = re.compile(r"/translations/[a-z]{2,3}/recordings/.+")


class RecordingForm(FlaskForm):
    """One audio file: for one paragraph, or for the whole page with start times."""

    recording = FileField(_l("Recording (WAV or Opus)"), validators=[FileRequired()])
    paragraph = IntegerField(validators=[Optional(), NumberRange(min=0)])
    starts = TextAreaField(_l("Start of each paragraph, in seconds"))


def may_send_a_recording(app) -> Callable[[str, str], bool]:
    """Return the test the staff listener makes before it reads a large body.

    Waitress asks it with the path and the Cookie header, before the body
    arrives: only a POST to a recordings page from a browser that holds a
    login cookie signed by this app may send more than the usual limit. Flask
    checks the login itself afterwards (``allow_large_uploads``).
    """
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    longest = app.config["STAFF_MAX_HOURS"] * 3600

    def allowed(path: str, cookie_header: str) -> bool:
        if not RECORDINGS_PATH.fullmatch(path):
            return False
        value = parse_cookie(cookie_header).get(cookie_name)
        if not value:
            return False
        signer = app.session_interface.get_signing_serializer(app)
        try:
            data = signer.loads(value, max_age=longest)
        except BadSignature:
            return False
        return bool(data.get("login_token"))

    return allowed


@bp.url_value_preprocessor
def allow_large_uploads(endpoint, _values) -> None:
    """Let a logged-in member send a recording, larger than other forms may be.

    It runs before the CSRF check reads the form, which would refuse the body.
    """
    if endpoint == "recordings.page" and current_user.is_authenticated:
        request.max_content_length = current_app.config["MAX_UPLOAD_BYTES"]
        request.max_form_memory_size = current_app.config["MAX_UPLOAD_BYTES"]


def _texts(code: str, page_id: str) -> list[str]:
    content_dir = current_app.config["CONTENT_DIR"]
    if code not in languages() or not recordings.PAGE_ID.match(page_id):
        abort(404)
    if not review.page_paths(content_dir, code, page_id)[1].exists():
        abort(404)
    renderer = MarkdownRenderer(icon_names(Path(current_app.static_folder)))
    return recordings.content_paragraphs(content_dir, code, page_id, renderer)


def _rows(code: str, page_id: str, texts: list[str]) -> list[dict]:
    library = audio_library()
    rows = []
    for text in texts:
        part = library.recordings.part_for(Paragraph(code, text, page_id))
        recorded = library.recordings.recorded(code, page_id, text)
        state = "recorded" if part else "outdated" if recorded else "none"
        name = part.name if part and library.is_rendered(part.name) else None
        rows.append({"text": text, "state": state, "audio": name})
    return rows


@bp.route("/translations/<code>/recordings/<path:page_id>", methods=["GET", "POST"])
def page(code: str, page_id: str):
    """Show a page's paragraphs with their recordings; take a new recording."""
    texts = _texts(code, page_id)
    form = RecordingForm()
    error = None
    if form.validate_on_submit():
        try:
            _store(form, code, page_id, texts)
        except recordings.RecordingError as problem:
            error = str(problem)
        else:
            return redirect(url_for(".page", code=code, page_id=page_id), code=303)
    return render_template(
        "staff/recording.html",
        code=code,
        page_id=page_id,
        language=languages()[code],
        rows=_rows(code, page_id, texts),
        translation_current=recordings.translation_is_current(
            current_app.config["CONTENT_DIR"], code, page_id
        ),
        form=form,
        error=error,
    ), (422 if form.is_submitted() and (error or form.errors) else 200)


def _store(form: RecordingForm, code: str, page_id: str, texts: list[str]) -> None:
    """Keep the uploaded file, tie it to its paragraph(s) and render it."""
    root = recordings_dir(current_app.config)
    data = form.recording.data.read()
    folder = recordings.folder_of(root, code, page_id)
    name = f"upload-{hashlib.sha256(data).hexdigest()[:12]}.opus"
    whole_page = form.paragraph.data is None
    if whole_page:
        starts = [recordings.parse_seconds(t) for t in (form.starts.data or "").split()]
        if len(starts) != len(texts):
            raise recordings.RecordingError(
                f"{len(texts)} paragraph(s) but {len(starts)} start time(s)"
            )
    elif form.paragraph.data >= len(texts):
        raise recordings.RecordingError("no such paragraph")
    try:
        speech.store_recording(data, folder / name)
        if whole_page:
            recordings.record_whole_page(root, code, page_id, texts, name, starts)
        else:
            text = texts[form.paragraph.data]
            recordings.record_paragraph(root, code, page_id, text, name)
    except OSError as error:  # e.g. content/ is read-only on the server
        current_app.logger.error("recording not kept: %s", error)
        raise recordings.RecordingError(
            f"the recording could not be saved in {root}: set KIOSK_RECORDINGS_DIR "
            "to a folder the kiosk may write to"
        ) from error
    current_app.logger.info(
        "recording of %s in %s uploaded by %s", page_id, code, current_user.username
    )
    _render(code, page_id, texts)


def _render(code: str, page_id: str, texts: list[str]) -> None:
    """Encode the page's recorded paragraphs now, so the kiosk can play them."""
    library = audio_library()
    library.recordings.reload(code, page_id)
    parts = library.missing(Paragraph(code, text, page_id) for text in texts)
    parts = [part for part in parts if isinstance(part, audio.RecordedPart)]
    made, problems = speech.render_all(parts, library.audio_dir)
    library.add(made)
    if problems:
        raise recordings.RecordingError("; ".join(problems))


@bp.get("/audio/<name>")
def audio_file(name: str):
    """Send a rendered audio file, for staff to listen to a recording."""
    if not audio.FILE_NAME.match(name):
        abort(404)
    return send_from_directory(
        audio_library().audio_dir, name, mimetype="audio/ogg", max_age=STATIC_MAX_AGE
    )
