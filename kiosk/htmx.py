"""HTMX in one place: tell its requests apart, answer a page or just a fragment."""

import json

from flask import render_template, request

HTMX_CONFIG = json.dumps(
    {
        "allowEval": False,
        "allowScriptTags": False,
        "historyCacheSize": 0,
        "refreshOnHistoryMiss": True,
        "includeIndicatorStyles": False,
        "selfRequestsOnly": True,
        "defaultFocusScroll": True,
        # Error pages and forms with errors are whole answers: swap them in too.
        "responseHandling": [
            {"code": "204", "swap": False},
            {"code": "...", "swap": True},
        ],
    },
    separators=(",", ":"),
)


def is_htmx() -> bool:
    """Tell whether this request came from HTMX (and is not a boosted page load)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
    )


def render_page_or_fragment(page: str, fragment: str, **context) -> str:
    """Render the whole ``page``, or only ``fragment`` for an HTMX request."""
    return render_template(fragment if is_htmx() else page, **context)


def add_vary(response):
    """Tell caches that HTMX requests get other bodies."""
    response.vary.add("HX-Request")
    return response


def init_app(app) -> None:
    """Give templates the HTMX config and mark every response as varying on it."""
    app.jinja_env.globals["htmx_config"] = HTMX_CONFIG
    app.after_request(add_vary)
