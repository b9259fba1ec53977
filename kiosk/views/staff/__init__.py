"""Staff views, served only on the staff listener, all behind one login guard.

Every staff page needs a logged-in, active staff member. The guard is one
``before_request`` on the whole staff app, so a new blueprint is covered without
remembering anything; the few pages that must stay open say so with
``@open_to_anyone``.
"""

from flask import Flask, current_app, request
from flask_login import current_user

OPEN_ENDPOINTS = frozenset({"static"})  # versioned CSS, JS and icons for the login page


def open_to_anyone(view):
    """Mark a staff view that answers without a login (login page, health check)."""
    view.open_to_anyone = True
    return view


def _is_open(endpoint: str | None) -> bool:
    if endpoint is None:  # no such route: let routing answer 404 or 405
        return True
    view = current_app.view_functions.get(endpoint)
    return endpoint in OPEN_ENDPOINTS or getattr(view, "open_to_anyone", False)


def require_login():
    """Send anyone not logged in to the login page, whatever staff page they ask."""
    if _is_open(request.endpoint) or current_user.is_authenticated:
        return None
    return current_app.login_manager.unauthorized()


def register(app: Flask) -> None:
    """Register every staff blueprint behind the login guard."""
    from kiosk.views.staff import (
        account,
        assessment,
        events,
        feedback,
        health,
        labels,
        queue,
        recordings,
        scope,
        settings,
        stats,
        translations,
    )

    labels.init_app(app)
    app.context_processor(scope.context)
    app.before_request(require_login)
    for module in (
        account,
        scope,
        queue,
        settings,
        translations,
        recordings,
        assessment,
        feedback,
        stats,
        events,
        health,
    ):
        app.register_blueprint(module.bp)
