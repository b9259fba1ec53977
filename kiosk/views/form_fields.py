"""What the forms of both listeners share: plain-text checks, one CSRF-only form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from kiosk.session_requests import has_control_characters

TOO_LONG = _l("Please use at most %(max)d characters.")


def plain_text(_form, field) -> None:
    """Refuse control characters in a one-line field."""
    if field.data and has_control_characters(field.data):
        raise ValidationError(
            _l("Some characters cannot be used. Please type it again.")
        )


def plain_lines(_form, field) -> None:
    """Refuse control characters, but allow new lines."""
    if field.data and has_control_characters(field.data, allow_newlines=True):
        raise ValidationError(
            _l("Some characters cannot be used. Please type it again.")
        )


def strip(value):
    return value.strip() if isinstance(value, str) else value


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
