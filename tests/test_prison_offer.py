"""The prison's offer: cleaned, stored, read back, and it renews cached pages."""

from datetime import time

import pytest

from kiosk import prison_offer, prison_settings
from kiosk.prison_offer import Offer, OfferError

SERVED = ["nb", "en", "pl", "ar"]


def test_an_empty_offer_says_nothing(db_session):
    offer = prison_offer.load(db_session)
    assert offer == Offer() and not offer.is_set


def test_round_trip_in_a_fixed_order(db_session):
    cleaned = prison_offer.clean(
        Offer(
            one_to_one=True,
            groups=False,
            when="any-time",
            languages=["other", "pl", "nb"],
            days=["thu", "tue"],
            hours_from=time(9),
            hours_to=time(14, 30),
            place=" Skolen ",
            note="Velkommen",
            note_language="nb",
        ),
        SERVED,
    )
    prison_offer.save(db_session, cleaned)
    db_session.commit()
    loaded = prison_offer.load(db_session)
    assert loaded == cleaned
    assert loaded.languages == ["nb", "pl", "other"]
    assert loaded.days == ["tue", "thu"]
    assert loaded.hours == "09:00\u201314:30" and loaded.place == "Skolen"


@pytest.mark.parametrize(
    ("offer", "field"),
    [
        (Offer(when="sometimes"), "when"),
        (Offer(languages=["xx"]), "languages"),
        (Offer(days=["funday"]), "days"),
        (Offer(hours_from=time(15), hours_to=time(9)), "hours_to"),
        (Offer(note="x" * 501), "note"),
    ],
)
def test_unusable_offers_are_refused_by_field(offer, field):
    with pytest.raises(OfferError) as refused:
        prison_offer.clean(offer, SERVED)
    assert refused.value.field == field


def test_saving_renews_the_settings_version(db_session):
    before = prison_settings.version(db_session)
    prison_offer.save(db_session, prison_offer.clean(Offer(groups=True), SERVED))
    db_session.commit()
    assert prison_settings.version(db_session) == before + 1


def test_the_place_and_note_carry_the_language_staff_wrote_in():
    offer = prison_offer.clean(Offer(place="Rom 2", note_language="nb"), SERVED)
    assert offer.note_language == "nb"
    assert prison_offer.clean(Offer(note_language="nb"), SERVED).note_language == ""
