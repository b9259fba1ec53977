"""What this prison really offers in career guidance, as staff set it.

The booklet asks each prison whether it offers one-to-one guidance, groups,
guidance through the whole sentence and in a relevant language. The kiosk
shows inmates the prison's own answers instead of promising any of it, and the
self-assessment shows the same answers beside those questions.
"""

import json
from dataclasses import asdict, dataclass, field
from datetime import time

from sqlalchemy.orm import Session

from kiosk import prison_settings
from kiosk.models import DEFAULT_PRISON

OFFER_KEY = "offer"
WHEN_CHOICES = ("arrival", "any-time", "before-release")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PLACE_MAX = 120
NOTE_MAX = 500


class OfferError(ValueError):
    """An offer that cannot be stored; ``field`` names the part to fix."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass
class Offer:
    """The prison's career-guidance offer; ``None`` means staff have not said."""

    one_to_one: bool | None = None
    groups: bool | None = None
    when: str = ""
    languages: list[str] = field(default_factory=list)
    interpreter: bool | None = None
    days: list[str] = field(default_factory=list)
    hours_from: str = ""
    hours_to: str = ""
    place: str = ""
    note: str = ""
    note_language: str = ""  # the language staff wrote the place and note in

    @property
    def is_set(self) -> bool:
        """Tell whether staff have said anything at all."""
        return self != Offer()

    @property
    def hours(self) -> str:
        """The counsellor's hours as ``09:00–15:00``, or one end, or nothing."""
        if self.hours_from and self.hours_to:
            return f"{self.hours_from}\u2013{self.hours_to}"
        return self.hours_from or self.hours_to


def load(session: Session, prison_id: int = DEFAULT_PRISON) -> Offer:
    """Return a prison's stored offer (an empty one if staff have not set it)."""
    value = prison_settings.get(session, prison_id, OFFER_KEY)
    if not value:
        return Offer()
    stored = json.loads(value)
    known = {name: stored[name] for name in asdict(Offer()) if name in stored}
    return Offer(**known)


def _clock(value: time | str | None) -> str:
    if not value:
        return ""
    return value.strftime("%H:%M") if isinstance(value, time) else str(value)


def clean(offer: Offer, served_languages: list[str]) -> Offer:
    """Return the offer with lists in a fixed order; raise OfferError if unusable."""
    known_languages = [*served_languages, "other"]
    if offer.when and offer.when not in WHEN_CHOICES:
        raise OfferError("when", f"when must be one of {', '.join(WHEN_CHOICES)}")
    if not set(offer.languages) <= set(known_languages):
        raise OfferError("languages", "unknown language")
    if not set(offer.days) <= set(WEEKDAYS):
        raise OfferError("days", "unknown weekday")
    hours = (_clock(offer.hours_from), _clock(offer.hours_to))
    if all(hours) and hours[0] >= hours[1]:
        raise OfferError("hours_to", "the end comes before the start")
    if len(offer.place) > PLACE_MAX or len(offer.note) > NOTE_MAX:
        raise OfferError("note", "too long")
    return Offer(
        one_to_one=offer.one_to_one,
        groups=offer.groups,
        when=offer.when,
        languages=[code for code in known_languages if code in offer.languages],
        interpreter=offer.interpreter,
        days=[day for day in WEEKDAYS if day in offer.days],
        hours_from=hours[0],
        hours_to=hours[1],
        place=offer.place.strip(),
        note=offer.note.strip(),
        note_language=offer.note_language
        if (offer.note.strip() or offer.place.strip())
        else "",
    )


def save(session: Session, offer: Offer, prison_id: int = DEFAULT_PRISON) -> Offer:
    """Store a prison's cleaned offer (the caller commits with its audit record)."""
    value = json.dumps(asdict(offer), ensure_ascii=False, sort_keys=True)
    prison_settings.put(session, prison_id, OFFER_KEY, value)
    prison_settings.bump_version(session, prison_id)
    return offer


def as_record(offer: Offer) -> dict:
    """Return the offer as plain data for the audit trail."""
    return asdict(offer)
