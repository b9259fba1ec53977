"""Inmate views on the kiosk listener: start screen and the guidance pages."""

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    session,
    url_for,
)

from kiosk.locale import fallback_chain, languages

bp = Blueprint("kiosk", __name__)


def _library():
    return current_app.extensions["kiosk.content"]


@bp.get("/")
def start():
    """Show the language choice."""
    return render_template("kiosk/start.html", languages=languages().values())


@bp.get("/reset")
def reset():
    """Forget this visit (used by the idle reset) and go back to the start screen."""
    session.clear()
    return redirect(url_for("kiosk.start"), code=303)


@bp.get("/<lang:lang>/")
def home():
    """Show what career guidance can do for you, with the menu of pages."""
    return _render_page("home")


@bp.get("/<lang:lang>/<slug>")
def page(slug: str):
    """Show one guidance page; the home page has its own address."""
    if slug == "home":
        return redirect(url_for("kiosk.home"), code=301)
    return _render_page(slug)


def _render_page(slug: str):
    chain = fallback_chain(g.lang)
    view = _library().find(slug, chain)
    if view is None:
        abort(404)
    menu = _library().menu(chain)
    return render_template("kiosk/page.html", view=view, menu=menu)
