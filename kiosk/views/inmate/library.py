"""Inmate views of the offline career library: browse, search as you type, my list."""

from flask import (
    Blueprint,
    abort,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from kiosk.htmx import render_page_or_fragment
from kiosk.i18n.page_language import fallback_chain
from kiosk.library.documents import INTERESTS, KINDS, SECTORS
from kiosk.library.search import MAX_QUERY_CHARS, highlight
from kiosk.page_cache import cached_piece, cached_render
from kiosk.views import career_library, checked_by_a_person, library_search
from kiosk.views.form_fields import ActionForm
from kiosk.views.inmate.visit import MY_LIST_MAX, my_list

bp = Blueprint("library", __name__)


def _filters() -> dict:
    args = request.args
    return {
        "sector": args.get("sector", "") if args.get("sector") in SECTORS else "",
        "interest": args.get("interest", "")
        if args.get("interest") in INTERESTS
        else "",
        "no_certificate": args.get("no_certificate") == "1",
        "in_prison": args.get("in_prison") == "1",
        "apprenticeship": args.get("apprenticeship") == "1",
    }


def _results(query: str, kind: str, filters: dict, chain: list[str]) -> list[dict]:
    library = career_library()
    if query.strip():
        hits = library_search().search(g.lang, query)
        found = [(library.get(hit.kind, hit.slug), hit.terms) for hit in hits]
    elif kind == "occupations":
        documents = library.occupations(**filters)
        documents.sort(key=lambda doc: doc.text(chain).title.casefold())
        found = [(doc, ()) for doc in documents]
    else:
        found = [(doc, ()) for doc in library.of_kind(kind)]
    results = []
    for document, terms in found:
        if document is None:
            continue
        text = document.text(chain)
        results.append(
            {
                "document": document,
                "text": text,
                "title": highlight(text.title, terms),
                "summary": highlight(text.summary, terms),
            }
        )
    return results


@bp.get("/<lang:lang>/library")
def index():
    """Browse by kind, sector and interest, or search as you type."""
    query = request.args.get("q", "")[:MAX_QUERY_CHARS]
    kind = request.args.get("kind", "occupations")
    kind = kind if kind in KINDS else "occupations"
    filters = _filters()

    def render() -> str:
        chain = fallback_chain(g.lang)
        return render_page_or_fragment(
            "kiosk/library.html",
            "kiosk/_library_results.html",
            query=query,
            kind=kind,
            filters=filters,
            results=_results(query, kind, filters, chain),
            sectors=SECTORS,
            interests=INTERESTS,
            kinds=KINDS,
        )

    used = (query, kind, *filters.values())
    return cached_render(render, *used, typed=bool(query))


VISIT_ACTIONS = "<!-- visit actions -->"
VISIT_ACTIONS_BYTES = VISIT_ACTIONS.encode()


@bp.get("/<lang:lang>/library/<kind>/<slug>")
def document(kind: str, slug: str):
    """Show one occupation, education route or guide.

    The page is the same for everyone except its "my list" button, which needs
    this visit's list and CSRF token: that one piece is rendered per request.
    """
    found = career_library().get(kind, slug)
    if found is None:
        abort(404)
    page = cached_render(lambda: _document_page(found))
    if kind != "occupations":
        return page.replace(VISIT_ACTIONS_BYTES, b"", 1)
    kept = my_list()
    state = (slug, slug in kept, len(kept) >= MY_LIST_MAX)
    actions = cached_piece(
        lambda: render_template(
            "kiosk/_my_list_button.html",
            doc=found,
            in_my_list=state[1],
            list_full=state[2],
            form=ActionForm(),
        ),
        "my-list button",
        *state,
    )
    return page.replace(VISIT_ACTIONS_BYTES, actions, 1)


def _document_page(found) -> str:
    chain = fallback_chain(g.lang)
    related = (
        career_library().get("occupations", slug)
        for slug in found.facts.get("related") or []
    )
    body = found.body(chain)
    return render_template(
        "kiosk/library_document.html",
        doc=found,
        text=found.text(chain),
        body=body,
        reviewed=checked_by_a_person(body.lang, f"{found.kind}/{found.slug}"),
        chain=chain,
        related=[doc for doc in related if doc is not None],
        visit_actions=VISIT_ACTIONS,
    )


@bp.post("/<lang:lang>/library/my-list")
def change_my_list():
    """Add an occupation to the visit's list, or take one off."""
    form = ActionForm()
    slug = request.form.get("slug", "")
    if (
        not form.validate_on_submit()
        or career_library().get("occupations", slug) is None
    ):
        abort(400)
    kept = [item for item in my_list() if item != slug]
    if request.form.get("action") == "add":
        kept = [*kept, slug][-MY_LIST_MAX:]
    session["my_list"] = kept
    if request.form.get("back") == "list":
        return redirect(url_for(".my_list_page"), code=303)
    return redirect(url_for(".document", kind="occupations", slug=slug), code=303)


@bp.get("/<lang:lang>/library/my-list")
def my_list_page():
    """Show the occupations kept for this visit."""
    chain = fallback_chain(g.lang)
    kept = [career_library().get("occupations", slug) for slug in my_list()]
    items = [(doc, doc.text(chain)) for doc in kept if doc is not None]
    return render_template("kiosk/my_list.html", items=items, form=ActionForm())
