"""What the forms of both listeners share: plain-text checks, one CSRF-only form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import Length, ValidationError

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


def max_length(field) -> int | None:
    """Return the most characters ``field`` takes (a Jinja filter for maxlength)."""
    limits = [v.max for v in field.validators if isinstance(v, Length) and v.max >= 0]
    return min(limits, default=None)


def strip(value):
    return value.strip() if isinstance(value, str) else value


# Invisible characters that only reorder or hide text: bidi embeddings, overrides
# and isolates, zero-width space, word joiner, byte-order mark. The joiners that
# Persian and Arabic writing need (U+200C, U+200D) stay.
HIDDEN = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x2060, 0xFEFF]
)


def visible(value):
    """Drop the invisible characters that could make a name look like another."""
    return value.translate(HIDDEN).strip() if isinstance(value, str) else value


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
