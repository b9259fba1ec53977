"""Forms inmates fill in at the kiosk (Flask-WTF with CSRF), in their language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from kiosk.feedback import MISSING_MAX, RATINGS
from kiosk.labels import FORMAT_LABELS, TOPIC_LABELS
from kiosk.session_requests import (
    FORMATS,
    MESSAGE_MAX,
    NAME_MAX,
    TOPICS,
    UNIT_MAX,
    NewRequest,
)
from kiosk.views.form_fields import (
    TOO_LONG,
    plain_lines,
    plain_text,
    strip,
    visible,
)


class PersonForm(FlaskForm):
    """The name and unit an inmate gives, shared by requests and event sign-ups."""

    name = StringField(
        _l("Your name"),
        filters=[visible],
        validators=[
            InputRequired(_l("Please write your name.")),
            Length(max=NAME_MAX, message=TOO_LONG),
            plain_text,
        ],
    )
    unit = StringField(
        _l("Your unit"),
        filters=[visible],
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
        filters=[strip],
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

    def to_new_request(self, page_language: str, prison_id: int) -> NewRequest:
        """Return the validated answers as a new request to ``prison_id``."""
        return NewRequest(
            prison_id=prison_id,
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
        filters=[strip],
        validators=[
            InputRequired(_l("Please write your code.")),
            Length(max=20, message=TOO_LONG),
            plain_text,
        ],
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
        filters=[strip],
        validators=[Length(max=MISSING_MAX, message=TOO_LONG), plain_lines],
    )

    def validate_rating(self, field) -> None:
        """One of the five faces."""
        if field.data not in {str(value) for value in RATINGS}:
            raise ValidationError(_l("Please choose one of the faces."))


class EventSignupForm(PersonForm):
    """An inmate's sign-up for an event."""
