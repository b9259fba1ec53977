"""The prison's settings page: units and the request limit."""

from sqlalchemy import select

from kiosk import prison_offer, prison_settings
from kiosk.models import AuditEvent


def test_settings_change_units_and_limit(staff, db_session):
    response = staff.post(
        "/settings", data={"units": "Avdeling A\nAvdeling B", "request_limit": "9/day"}
    )
    assert response.status_code == 303
    assert prison_settings.units(db_session) == ["Avdeling A", "Avdeling B"]
    assert prison_settings.request_limit(db_session, "5/hour") == "9/day"
    bad = staff.post("/settings", data={"units": "C", "request_limit": "often"})
    assert bad.status_code == 422
    assert prison_settings.units(db_session) == ["Avdeling A", "Avdeling B"]
    assert prison_settings.request_limit(db_session, "5/hour") == "9/day"
    assert 'value="often"' in bad.get_data(as_text=True)


OFFER = {
    "one_to_one": "yes",
    "groups": "no",
    "when": "any-time",
    "languages": ["nb", "pl"],
    "interpreter": "yes",
    "days": ["tue", "thu"],
    "hours_from": "09:00",
    "hours_to": "14:30",
    "place": "Skolen, rom 2",
    "note": "Velkommen til oss",
}


def test_the_offer_is_saved_and_audited(staff, db_session):
    response = staff.post("/offer", data=OFFER)
    assert response.status_code == 303
    offer = prison_offer.load(db_session)
    assert (offer.one_to_one, offer.groups, offer.when) == (True, False, "any-time")
    assert offer.note_language == "nb"
    event = db_session.scalars(select(AuditEvent)).one()
    assert event.action == "offer" and event.actor == "anne"
    assert '"one_to_one": true' in event.after and '"one_to_one": null' in event.before


def test_a_bad_offer_keeps_what_was_typed(staff, db_session):
    response = staff.post("/offer", data={**OFFER, "hours_to": "08:00"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Skolen, rom 2" in page and "Velkommen til oss" in page
    assert prison_offer.load(db_session) == prison_offer.Offer()
