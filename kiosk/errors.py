"""Error pages in the reader's language, the same look on both listeners."""

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: (_l("Something went wrong"), _l("The page could not use what was sent.")),
    "csrf": (
        _l("Please try again"),
        _l("The page was too old to send. Go back, open the page again and send it."),
    ),
    403: (_l("Not allowed"), _l("You cannot open this page.")),
    404: (_l("Page not found"), _l("We could not find this page.")),
    405: (_l("Something went wrong"), _l("This page cannot be used that way.")),
    413: (
        _l("Too much text"),
        _l("What you sent is too long. Please make it shorter."),
    ),
    429: (
        _l("Please wait"),
        _l("You have tried many times. Please wait and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("There is a fault. Please ask a staff member."),
    ),
}


def init_app(app, role: str) -> None:
    """Render every HTTP error with the role's error page."""

    def handle_http_error(error: HTTPException):
        code = error.code or 500
        key = "csrf" if isinstance(error, CSRFError) else code
        title, message = MESSAGES.get(key, MESSAGES[500])
        template = f"{role}/error.html"
        return render_template(template, title=title, message=message), code

    def handle_unexpected(error: Exception):
        app.logger.exception("unexpected error")
        return handle_http_error(InternalServerError())

    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
