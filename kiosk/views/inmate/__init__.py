"""Inmate views, served only on the kiosk listener: no login, no staff route."""

from flask import Flask


def register(app: Flask) -> None:
    """Register every inmate blueprint."""
    from kiosk.views.inmate import (
        events,
        feedback,
        library,
        listen,
        pages,
        requests,
        visit,
    )

    visit.init_app(app)
    for module in (pages, requests, library, feedback, events, listen):
        app.register_blueprint(module.bp)
