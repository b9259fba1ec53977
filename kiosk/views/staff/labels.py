"""Words only the staff pages show: audit actions and the staff forms' errors."""

from flask_babel import lazy_gettext as _l

from kiosk import audit

AUDIT_ACTIONS = {
    "schedule": _l("Scheduled"),
    "notes": _l("Notes changed"),
    "close": _l("Closed"),
    "reopen": _l("Reopened"),
    "export": _l("Exported to CSV"),
    "settings": _l("Settings changed"),
    "offer": _l("The prison's offer changed"),
}
REQUEST_ERRORS = {
    "closed": _l("The request is closed. Reopen it first."),
    "open": _l("The request is open already."),
    "erased": _l("The personal data of this request has been erased."),
    "unknown-outcome": _l("Please choose from the list."),
}
SETTING_ERRORS = {
    "units": _l("A unit name can have at most 100 characters, on one line."),
    "request_limit": _l("Write the limit like 5/hour or 10/day."),
}


def init_app(app) -> None:
    """Give the staff templates the words for audit actions."""
    app.jinja_env.globals.update(
        audit_actions=AUDIT_ACTIONS, audit_changes=audit.changes
    )
