"""Karriere-kiosken: two Flask apps, one for inmates' terminals and one for staff."""

import hashlib
import threading
import weakref
from functools import cache
from pathlib import Path

from flask import Flask, current_app, g, render_template
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect
from markupsafe import Markup
from werkzeug.routing import IntegerConverter

from kiosk import (
    assessment,
    auth,
    db,
    errors,
    headers,
    htmx,
    labels,
    page_cache,
    prison_settings,
    throttling,
    whole_answers,
)
from kiosk.assets import KioskFlask
from kiosk.config import (
    STATIC_DIR,
    TEMPLATES_DIR,
    audio_dir,
    listener_secret_key,
    load_settings,
    read_or_create_secret_key,
    recordings_dir,
)
from kiosk.i18n import page_language
from kiosk.i18n.check import syntax_problems
from kiosk.library.audio import AudioLibrary
from kiosk.library.documents import CareerLibrary
from kiosk.library.glossary import Glossary, mark_terms
from kiosk.library.markdown import MarkdownRenderer, icon_names
from kiosk.library.pages import GuidancePages
from kiosk.library.recordings import Recordings
from kiosk.library.search import Searcher, ensure_index
from kiosk.views.form_fields import max_length


@cache
def static_version(static_dir: Path = STATIC_DIR) -> str:
    """Return a short hash of every static file, so changed assets get new URLs."""
    digest = hashlib.sha256()
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(static_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


@cache
def _guidance_pages(content_dir: Path, static_dir: Path) -> GuidancePages:
    return GuidancePages(content_dir, static_dir)


@cache
def _glossary(content_dir: Path) -> Glossary:
    return Glossary(content_dir)


_career_libraries: dict[tuple[Path, Path], CareerLibrary] = {}
RENDERED_FILE = "rendered-library.json"


def _career_library(content_dir: Path, static_dir: Path, data_dir: Path):
    """Load the library once per process; a restart takes the documents'
    rendered HTML from the data folder instead of rendering them again.

    The first app of a process loads it (and keeps its renderings in that
    app's data folder); every later app shares it, as before.
    """
    key = (content_dir, static_dir)
    if key not in _career_libraries:
        kept = Path(data_dir) / RENDERED_FILE
        renderer = MarkdownRenderer(icon_names(static_dir), kept)
        _career_libraries[key] = CareerLibrary(content_dir, renderer)
        renderer.save()
    return _career_libraries[key]


# One audio library per content and audio folder, shared by the two listeners of
# a process (held weakly, so the apps of a test run do not pile up).
_audio_libraries: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
_audio_lock = threading.Lock()


def _audio_library(config, voices: dict) -> AudioLibrary:
    content, uploads, audio = (
        config["CONTENT_DIR"],
        recordings_dir(config),
        audio_dir(config),
    )
    with _audio_lock:
        library = _audio_libraries.get((content, uploads, audio))
        if library is None:
            library = AudioLibrary(audio, voices, Recordings(content, uploads))
            _audio_libraries[(content, uploads, audio)] = library
    return library


def create_kiosk_app(test_config: dict | None = None) -> Flask:
    """Build the inmate app: start screen and pages under ``/<lang>/``."""
    return _create_app("kiosk", test_config)


def create_staff_app(test_config: dict | None = None) -> Flask:
    """Build the staff app, served on its own listener."""
    return _create_app("staff", test_config)


def _create_app(role: str, test_config: dict | None) -> Flask:
    app = KioskFlask(
        f"kiosk.{role}",
        static_folder=str(STATIC_DIR),
        static_url_path=f"/static/{static_version()}",
        template_folder=str(TEMPLATES_DIR),
    )
    configure_settings(app, role, test_config)
    app.url_map.converters["int"] = DatabaseId
    db.init_app(app)
    first_language = app.config[
        "DEFAULT_LANGUAGE" if role == "kiosk" else "STAFF_LANGUAGE"
    ]
    page_language.init_app(app, first_language)
    configure_content(app)
    page_cache.init_app(app, lambda: _settings_version(app))
    configure_read_aloud(app)
    headers.init_app(app)
    htmx.init_app(app)
    labels.init_app(app)
    CSRFProtect(app)
    throttling.init_app(app)
    if role == "staff":
        auth.init_app(app)
    configure_blueprints(app, role)
    errors.init_app(app, role)
    if role == "kiosk":
        whole_answers.serve_whole_pages(app)
    return app


class DatabaseId(IntegerConverter):
    """``<int:...>`` in a URL: a number too big for the database names no row.

    It becomes 0, which no row has, so the view answers 404 as for any unknown
    id (the database would fail on the number itself: a 500).
    """

    LARGEST = 2**63 - 1

    def to_python(self, value: str) -> int:
        """Return the number, or 0 when the database could not hold it."""
        number = super().to_python(value)
        return number if number <= self.LARGEST else 0


class KioskSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signer built once per app."""

    def get_signing_serializer(self, app):
        """Return the app's serializer, made once (Flask makes one per request)."""
        if "kiosk.session_signer" not in app.extensions:
            app.extensions["kiosk.session_signer"] = super().get_signing_serializer(app)
        return app.extensions["kiosk.session_signer"]


def _settings_version(app: Flask) -> int:
    """The version of the settings this listener's cached pages show."""
    from kiosk.views import kiosk_prison_id

    prison_id = kiosk_prison_id() if app.config["ROLE"] == "kiosk" else None
    with db.session_factory(app.config["DATABASE_URL"])() as session:
        if prison_id is None:
            return 0  # the staff listener keeps no cached pages
        return prison_settings.version(session, prison_id)


def configure_settings(app: Flask, role: str, test_config: dict | None) -> None:
    """Read the environment, then the test's overrides; load the secret key."""
    app.config.update(load_settings())
    app.config.update(test_config or {})
    app.config["ROLE"] = role
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Strict"
    app.config["SESSION_COOKIE_NAME"] = f"{role}_session"
    app.config["WTF_CSRF_TIME_LIMIT"] = None  # the token lives as long as the visit
    # Pages send no Referer (Referrer-Policy: no-referrer), so Flask-WTF's HTTPS
    # referrer check would refuse every form; the SameSite=Strict cookie and the
    # token guard the forms.
    app.config["WTF_CSRF_SSL_STRICT"] = False
    if role == "staff" and app.config["STAFF_TLS_PROXY"]:
        app.config["SESSION_COOKIE_SECURE"] = True  # sent over HTTPS only
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["TIMEZONE"]
    if not app.config.get("SECRET_KEY"):
        secret = read_or_create_secret_key(app.config["SECRET_KEY_FILE"])
        # Each listener signs with its own key: a cookie or CSRF token made on
        # one listener is worthless on the other.
        app.config["SECRET_KEY"] = listener_secret_key(secret, role)
    app.session_interface = KioskSessions()


def configure_content(app: Flask) -> None:
    """Load content and library once per process; log broken files (they fall back)."""
    static_dir = Path(app.static_folder)
    pages = _guidance_pages(app.config["CONTENT_DIR"], static_dir)
    config = app.config
    career = _career_library(config["CONTENT_DIR"], static_dir, config["DATA_DIR"])
    catalogs = sorted(app.config["TRANSLATIONS_DIR"].glob("*/LC_MESSAGES/messages.po"))
    broken = [p for path in catalogs for p in syntax_problems(path)]
    glossary = _glossary(app.config["CONTENT_DIR"])
    for problem in [*pages.problems, *career.problems, *glossary.problems, *broken]:
        app.logger.error("content or translation problem (falling back): %s", problem)
    app.extensions["kiosk.guidance_pages"] = pages
    app.extensions["kiosk.career_library"] = career
    app.extensions["kiosk.glossary"] = glossary
    app.jinja_env.filters["explain_terms"] = _explain_terms
    app.jinja_env.filters["max_length"] = max_length
    app.jinja_env.globals["library"] = career
    if app.config["ROLE"] == "kiosk":
        index = Path(app.config["DATA_DIR"]) / "library-index.sqlite3"
        ensure_index(index, career, page_language.content_chains(app))
        app.extensions["kiosk.library_search"] = Searcher(index)


def _explain_terms(html: str, text_lang: str) -> Markup:
    """Mark the first use of each glossary term in a page's HTML (a Jinja filter)."""
    glossary = current_app.extensions["kiosk.glossary"]
    chain = page_language.fallback_chain(g.lang)

    def explain(key: str, shown: Markup) -> str:
        return render_template(
            "kiosk/_term.html",
            key=key,
            shown=shown,
            term=glossary.term(key, chain),
            norwegian=glossary.norwegian(key),
        )

    return mark_terms(html, text_lang, glossary, explain)


def configure_read_aloud(app: Flask) -> None:
    """Share the rendered audio; new audio empties the cache of rendered pages."""
    voices = {
        code: language.voice
        for code, language in page_language.languages_of(app).items()
        if language.voice
    }
    library = _audio_library(app.config, voices)
    for problem in library.recordings.problems:
        app.logger.error("recording skipped: %s", problem)
    app.extensions["kiosk.audio"] = library
    for name in page_cache.CACHES:
        library.on_change(app.extensions[name].clear)


def configure_blueprints(app: Flask, role: str) -> None:
    """Register only the views of this listener: no staff route on the kiosk."""
    if role == "kiosk":
        from kiosk.views import inmate

        inmate.register(app)
        return
    from kiosk.views import staff

    app.extensions["kiosk.booklet"] = assessment.load_booklet(
        app.config["CONTENT_DIR"] / "assessment.toml"
    )
    staff.register(app)
