"""Inmate views on the kiosk listener: start screen and the guidance pages."""

from flask import (
    Blueprint,
    abort,
    g,
    redirect,
    render_template,
    session,
    url_for,
)

from kiosk import db, prison_offer
from kiosk.i18n.page_language import fallback_chain, languages
from kiosk.page_cache import same_for_everyone
from kiosk.views import (
    checked_by_a_person,
    glossary_words,
    guidance_pages,
    kiosk_prison_id,
)

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def page_menu() -> dict:
    """Give every kiosk page the menu of guidance pages in the reader's language."""
    if not g.get("lang"):
        return {}
    return {"menu": guidance_pages().menu(fallback_chain(g.lang))}


@bp.get("/")
@same_for_everyone
def start():
    """Show the language choice."""
    return render_template("kiosk/start.html", languages=languages().values())


@bp.get("/reset")
def reset():
    """Forget this visit (used by the idle reset) and go back to the start screen."""
    session.clear()
    return redirect(url_for("pages.start"), code=303)


@bp.get("/still-here")
def still_here():
    """Keep a visit alive while its reader types (kiosk.js calls this now and then)."""
    return "", 204


@bp.get("/<lang:lang>/")
@same_for_everyone
def home():
    """Show what career guidance can do for you, with the menu of pages."""
    return _render_page("home")


@bp.get("/<lang:lang>/glossary")
@same_for_everyone
def glossary():
    """Show the Norwegian words a reader meets, explained in the reader's language."""
    terms = glossary_words().entries(fallback_chain(g.lang))
    return render_template(
        "kiosk/glossary.html", terms=terms, glossary=glossary_words()
    )


@bp.get("/<lang:lang>/<slug>")
@same_for_everyone
def page(slug: str):
    """Show one guidance page; the home page has its own address."""
    if slug == "home":
        return redirect(url_for("pages.home"), code=301)
    return _render_page(slug)


PAGES_WITH_THE_OFFER = ("home", "guidance")


def _render_page(slug: str):
    chain = fallback_chain(g.lang)
    view = guidance_pages().find(slug, chain)
    if view is None:
        abort(404)
    offer = None
    if slug in PAGES_WITH_THE_OFFER:
        offer = prison_offer.load(db.get_session(), kiosk_prison_id())
    reviewed = checked_by_a_person(view.page.lang, slug)
    return render_template("kiosk/page.html", view=view, offer=offer, reviewed=reviewed)
