"""Read aloud on the kiosk: the audio files, the marks in pages, and the plan.

Templates mark what a page reads aloud. ``audio_for(text, lang, page_id)`` gives
an element its ``data-audio`` URL, the ``with_audio`` filter does so for every
paragraph of content HTML, and ``spoken("…")`` is ``_t`` for an interface string
that is read too. Each mark is noted for the page being rendered, and the layout
shows the player when a paragraph in the reader's language has audio. The same
marks make the plan: rendering every readable page says which paragraphs need
audio, so the plan covers exactly what the pages show.
"""

from dataclasses import dataclass, field

from flask import (
    Blueprint,
    Flask,
    abort,
    g,
    render_template,
    send_from_directory,
    url_for,
)
from flask_babel import force_locale
from markupsafe import Markup, escape

from kiosk.headers import STATIC_MAX_AGE
from kiosk.i18n.page_language import (
    current_language,
    languages_of,
    mark_language,
    translate,
)
from kiosk.labels import STATUS_EXPLANATIONS
from kiosk.library import audio
from kiosk.library.audio import INTERFACE, Paragraph
from kiosk.library.recordings import normalise
from kiosk.views import audio_library

bp = Blueprint("listen", __name__)


@bp.get("/audio/<name>")
def audio_file(name: str):
    """Send one audio file; its name is a hash of its making, so it never changes."""
    if not audio.FILE_NAME.match(name):
        abort(404)
    return send_from_directory(
        audio_library().audio_dir,
        name,
        mimetype="audio/ogg",
        max_age=STATIC_MAX_AGE,
        conditional=True,
    )


@dataclass
class PageReading:
    """What the page being rendered reads aloud, and whether it gets a player."""

    lang: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    playable: bool = False


def page_reading() -> PageReading:
    """Return the read-aloud notes of the page this request renders."""
    if "page_reading" not in g:
        g.page_reading = PageReading(current_language().code)
    return g.page_reading


def _url(paragraph: Paragraph, player: bool) -> str | None:
    reading = page_reading()
    reading.paragraphs.append(paragraph)
    name = audio_library().rendered_name(paragraph)
    if name is None:
        return None
    if player and paragraph.lang == reading.lang:
        reading.playable = True
    return url_for("listen.audio_file", name=name)


def _attribute(url: str | None) -> Markup:
    return Markup(' data-audio="%s"') % url if url else Markup("")


@bp.app_template_global()
def audio_for(text, lang: str, page_id: str, player: bool = True) -> Markup:
    """Return `` data-audio="…"`` for an element that shows ``text``, or nothing.

    ``player=False`` marks text read by its own button (a language tile), not by
    the page's player.
    """
    paragraph = Paragraph(lang, normalise(str(text)), page_id)
    return _attribute(_url(paragraph, player))


@bp.app_template_filter("with_audio")
def with_audio_filter(fragment, lang: str, page_id: str) -> Markup:
    """Give each paragraph of cleaned content HTML its ``data-audio`` URL."""
    return Markup(
        audio.with_audio(
            str(fragment), lambda text: _url(Paragraph(lang, text, page_id), True)
        )
    )


class Spoken:
    """An interface string as ``_t`` shows it, with the mark that reads it aloud."""

    def __init__(self, message, **variables):
        if not str(message):  # gettext("") is the catalog's header
            self.shown, self.audio = "", Markup("")
            return
        translated, fallback = translate(message, **variables)
        self.shown = mark_language(translated, fallback)
        paragraph = Paragraph(
            fallback or current_language().code, normalise(translated), INTERFACE
        )
        self.audio = _attribute(_url(paragraph, True))

    def __html__(self) -> str:
        return str(escape(self.shown))


@bp.app_template_global()
def spoken(message, **variables) -> Spoken:
    """Translate an interface string that the page also reads aloud."""
    return Spoken(message, **variables)


@bp.app_template_global()
def audio_in(code: str, message) -> Markup:
    """Return the mark of an interface string shown in language ``code`` (a tile)."""
    with force_locale(code):
        translated, fallback = translate(message)
    paragraph = Paragraph(fallback or code, normalise(translated), INTERFACE)
    return _attribute(_url(paragraph, player=False))


@bp.app_template_global()
def read_aloud_player() -> Markup:
    """Return the player where the page reads aloud in the reader's language.

    Otherwise nothing: a page never shows a button that cannot play.
    """
    if not page_reading().playable:
        return Markup("")
    return Markup(render_template("kiosk/_read_aloud.html"))


# The plan: every address whose page reads aloud. Pages are rendered afresh (not
# from the page cache) and their marks collected.


def readable_addresses(app: Flask, langs: list[str]) -> list[str]:
    """Return every address whose page reads aloud, in the order audio is made.

    The start screen and guidance pages come first, then the library.
    """
    pages = app.extensions["kiosk.guidance_pages"]
    library = app.extensions["kiosk.career_library"]
    with app.test_request_context():
        addresses = [url_for("pages.start")]
        for lang in langs:
            addresses.append(url_for("pages.home", lang=lang))
            addresses += [
                url_for("pages.page", lang=lang, slug=slug)
                for slug in pages.slugs()
                if slug != "home"
            ]
            addresses.append(url_for("pages.glossary", lang=lang))
            addresses.append(url_for("requests.form", lang=lang))
            addresses.append(url_for("requests.status", lang=lang))
        for lang in langs:
            addresses += [
                url_for("library.document", lang=lang, kind=doc.kind, slug=doc.slug)
                for doc in library.documents.values()
            ]
    return addresses


def _render_fresh(app: Flask, address: str, render) -> list[Paragraph]:
    with app.test_request_context(address):
        g.fresh_render = True
        app.preprocess_request()
        render()
        return list(page_reading().paragraphs)


def paragraphs_at(app: Flask, address: str) -> list[Paragraph]:
    """Return the paragraphs the page at ``address`` reads aloud, in order."""
    return _render_fresh(app, address, app.dispatch_request)


def status_answers(app: Flask, lang: str) -> list[Paragraph]:
    """Return the paragraphs of every answer the status page can give in ``lang``."""
    with app.test_request_context():
        address = url_for("requests.status", lang=lang)

    def render_each():
        """Render the answer to a code in each state it can be in."""
        for status in STATUS_EXPLANATIONS:
            render_template("kiosk/_status_answer.html", shown_status=status)
        render_template("kiosk/_status_answer.html", not_found=True)
        render_template("kiosk/_status_answer.html", limited=True)

    return _render_fresh(app, address, render_each)


def plan(app: Flask, langs: list[str] | None = None) -> list[Paragraph]:
    """Return, once each, every paragraph the kiosk reads aloud in ``langs``."""
    langs = langs or list(languages_of(app))
    start = readable_addresses(app, [])[0]
    found: dict[Paragraph, None] = {}
    for address in readable_addresses(app, langs):
        paragraphs = paragraphs_at(app, address)
        if address == start:  # the tiles of the languages asked for
            paragraphs = [p for p in paragraphs if p.lang in langs]
        found.update(dict.fromkeys(paragraphs))
    for lang in langs:
        found.update(dict.fromkeys(status_answers(app, lang)))
    return list(found)
