"""Forms of both listeners (Flask-WTF with CSRF), messages in the reader's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
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
    ValidationError,
)

from kiosk.feedback import MISSING_MAX, RATINGS
from kiosk.labels import FORMAT_LABELS, TOPIC_LABELS
from kiosk.session_requests import (
    CLOSING_STATUSES,
    FORMATS,
    MESSAGE_MAX,
    NAME_MAX,
    NOTES_MAX,
    PLACE_MAX,
    TOPICS,
    UNIT_MAX,
    NewRequest,
    has_control_characters,
)

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


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class PersonForm(FlaskForm):
    """The name and unit an inmate gives, shared by requests and event sign-ups."""

    name = StringField(
        _l("Your name"),
        filters=[_strip],
        validators=[
            InputRequired(_l("Please write your name.")),
            Length(max=NAME_MAX, message=TOO_LONG),
            plain_text,
        ],
    )
    unit = StringField(
        _l("Your unit"),
        filters=[_strip],
        validators=[
            InputRequired(_l("Please choose or write your unit.")),
            Length(max=UNIT_MAX, message=TOO_LONG),
            plain_text,
        ],
    )


class RequestForm(PersonForm):
    """An inmate's request for a conversation."""

    topics = SelectMultipleField(
        _l("What do you want to talk about?"),
        choices=[SelectChoice(key, TOPIC_LABELS[key]) for key in TOPICS],
        validate_choice=False,
    )
    session_format = RadioField(
        _l("How do you want to talk?"),
        choices=[SelectChoice(key, FORMAT_LABELS[key]) for key in FORMATS],
        default="one-to-one",
        validate_choice=False,
    )
    conversation_language = SelectField(
        _l("Language for the conversation"), validate_choice=False
    )
    interpreter = BooleanField(_l("I need an interpreter"))
    occupations = SelectMultipleField(
        _l("I want to talk about these jobs"), validate_choice=False
    )
    message = TextAreaField(
        _l("Message (you can leave this empty)"),
        filters=[_strip],
        validators=[Length(max=MESSAGE_MAX, message=TOO_LONG), plain_lines],
    )

    def __init__(self, *args, units=(), languages=(), kept=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_occupations = list(kept)  # (slug, title) from "my list"
        self.allowed_units = list(units)
        self.offered_languages = {code for code, _name in languages} | {"other"}
        self.conversation_language.choices = [
            *languages,
            ("other", _l("Another language")),
        ]

    def validate_unit(self, field) -> None:
        """With units configured, the unit must be one of them."""
        if self.allowed_units and field.data not in self.allowed_units:
            raise ValidationError(_l("Please choose your unit from the list."))

    def validate_topics(self, field) -> None:
        """At least one known topic."""
        if not field.data:
            raise ValidationError(_l("Please choose at least one topic."))
        if any(topic not in TOPICS for topic in field.data):
            raise ValidationError(_l("Please choose from the list."))

    def validate_session_format(self, field) -> None:
        """One of the two formats."""
        if field.data not in FORMATS:
            raise ValidationError(_l("Please choose from the list."))

    def validate_conversation_language(self, field) -> None:
        """One of the offered languages."""
        if field.data not in self.offered_languages:
            raise ValidationError(_l("Please choose from the list."))

    def to_new_request(self, page_language: str) -> NewRequest:
        """Return the validated answers as a new request."""
        return NewRequest(
            name=self.name.data,
            unit=self.unit.data,
            topics=[topic for topic in TOPICS if topic in self.topics.data],
            conversation_language=self.conversation_language.data,
            page_language=page_language,
            session_format=self.session_format.data,
            interpreter=bool(self.interpreter.data),
            message=self.message.data or "",
            occupations=[
                slug
                for slug, _title in self.kept_occupations
                if slug in (self.occupations.data or [])
            ],
        )


class StatusForm(FlaskForm):
    """A request code typed by an inmate."""

    code = StringField(
        _l("Your code"),
        filters=[_strip],
        validators=[
            InputRequired(_l("Please write your code.")),
            Length(max=20, message=TOO_LONG),
            plain_text,
        ],
    )


class LoginForm(FlaskForm):
    """Staff login."""

    username = StringField(
        _l("Username"), filters=[_strip], validators=[InputRequired(), Length(max=64)]
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
        filters=[_strip],
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
        filters=[_strip],
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


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class SettingsForm(FlaskForm):
    """Units of the prison and the request limit per terminal."""

    units = TextAreaField(
        _l("Units, one per line"), validators=[Length(max=5000), plain_lines]
    )
    request_limit = StringField(
        _l("Requests per terminal"),
        filters=[_strip],
        validators=[InputRequired(), Length(max=100), plain_text],
    )


class FeedbackForm(FlaskForm):
    """Anonymous feedback: a rating, what helped, what was missing."""

    rating = RadioField(
        _l("How useful was career guidance for you?"),
        choices=[SelectChoice(str(value), str(value)) for value in RATINGS],
        validate_choice=False,
    )
    helped = SelectMultipleField(_l("What helped you?"), validate_choice=False)
    missing = TextAreaField(
        _l("What was missing? (you can leave this empty)"),
        filters=[_strip],
        validators=[Length(max=MISSING_MAX, message=TOO_LONG), plain_lines],
    )

    def validate_rating(self, field) -> None:
        """One of the five faces."""
        if field.data not in {str(value) for value in RATINGS}:
            raise ValidationError(_l("Please choose one of the faces."))


class EventSignupForm(PersonForm):
    """An inmate's sign-up for an event."""


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
