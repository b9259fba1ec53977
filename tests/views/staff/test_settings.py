"""The prison's settings page: units and the request limit."""

from kiosk import prison_settings


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
