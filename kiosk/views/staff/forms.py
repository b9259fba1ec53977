"""Forms of the staff pages (Flask-WTF with CSRF)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from kiosk.prison_offer import NOTE_MAX
from kiosk.prison_offer import PLACE_MAX as OFFER_PLACE_MAX
from kiosk.session_requests import CLOSING_STATUSES, NOTES_MAX, PLACE_MAX
from kiosk.views.form_fields import TOO_LONG, plain_lines, plain_text, strip


class LoginForm(FlaskForm):
    """Staff login."""

    username = StringField(
        _l("Username"),
        filters=[strip],
        validators=[InputRequired(), Length(max=64), plain_text],
    )
    password = PasswordField(
        _l("Password"), validators=[InputRequired(), Length(max=1024)]
    )


class ScheduleForm(FlaskForm):
    """A time and place for a conversation."""

    day = DateField(_l("Day"), validators=[InputRequired(_l("Please choose a day."))])
    time = TimeField(
        _l("Time"), validators=[InputRequired(_l("Please choose a time."))]
    )
    place = StringField(
        _l("Place"),
        filters=[strip],
        validators=[
            DataRequired(_l("Please write the place.")),
            Length(max=PLACE_MAX, message=TOO_LONG),
            plain_text,
        ],
    )


class NotesForm(FlaskForm):
    """Internal notes on a request."""

    notes = TextAreaField(
        _l("Internal notes"),
        filters=[strip],
        validators=[Length(max=NOTES_MAX, message=TOO_LONG), plain_lines],
    )


class CloseForm(FlaskForm):
    """Close a request with an outcome."""

    outcome = SelectField(
        _l("Outcome"),
        choices=[
            SelectChoice("done", _l("Done")),
            SelectChoice("no-show", _l("Did not come")),
            SelectChoice("withdrawn", _l("Withdrawn")),
        ],
    )

    def validate_outcome(self, field) -> None:
        """One of the closing outcomes."""
        if field.data not in CLOSING_STATUSES:
            raise ValidationError(_l("Please choose from the list."))


class SettingsForm(FlaskForm):
    """Units of the prison and the request limit per terminal."""

    units = TextAreaField(
        _l("Units, one per line"), validators=[Length(max=5000), plain_lines]
    )
    request_limit = StringField(
        _l("Requests per terminal"),
        filters=[strip],
        validators=[InputRequired(), Length(max=100), plain_text],
    )


class EventForm(ScheduleForm):
    """A new group session or employer visit (titles per language come beside it)."""

    kind = SelectField(_l("Kind"), validate_choice=False)
    capacity = IntegerField(
        _l("Places"),
        validators=[
            InputRequired(_l("Please write how many places there are.")),
            NumberRange(min=1, max=500, message=_l("Between 1 and 500.")),
        ],
    )
    units = TextAreaField(
        _l("Units that may join, one per line (empty: everyone)"),
        validators=[Length(max=5000), plain_lines],
    )


YES_NO = [
    SelectChoice("", _l("Not said")),
    SelectChoice("yes", _l("Yes")),
    SelectChoice("no", _l("No")),
]


class OfferForm(FlaskForm):
    """What this prison offers in career guidance, as inmates will see it."""

    one_to_one = RadioField(
        _l("One-to-one conversations with a counsellor"),
        choices=YES_NO,
        default="",
        validate_choice=False,
    )
    groups = RadioField(
        _l("Career guidance in groups"),
        choices=YES_NO,
        default="",
        validate_choice=False,
    )
    when = RadioField(_l("From when in the sentence"), validate_choice=False)
    languages = SelectMultipleField(
        _l("Languages a counsellor can speak"), validate_choice=False
    )
    interpreter = RadioField(
        _l("An interpreter can be arranged"),
        choices=YES_NO,
        default="",
        validate_choice=False,
    )
    days = SelectMultipleField(_l("Days the counsellor is here"), validate_choice=False)
    hours_from = TimeField(_l("From"), validators=[Optional()])
    hours_to = TimeField(_l("To"), validators=[Optional()])
    place = StringField(
        _l("Where inmates meet the counsellor"),
        filters=[strip],
        validators=[Length(max=OFFER_PLACE_MAX, message=TOO_LONG), plain_text],
    )
    note = TextAreaField(
        _l("A short note to inmates (shown as you write it)"),
        filters=[strip],
        validators=[Length(max=NOTE_MAX, message=TOO_LONG), plain_lines],
    )

    def validate_one_to_one(self, field) -> None:
        """Yes, no or not said."""
        if field.data not in ("", "yes", "no", None):
            raise ValidationError(_l("Please choose from the list."))

    validate_groups = validate_interpreter = validate_one_to_one

    def validate_hours_to(self, field) -> None:
        """The end of the hours comes after their start."""
        if field.data and self.hours_from.data and field.data <= self.hours_from.data:
            raise ValidationError(_l("The end must come after the start."))
