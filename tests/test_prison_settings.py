"""Units and the request limit, as staff set them."""

import pytest

from kiosk import prison_settings
from kiosk.prison_settings import SettingError


def test_units_start_empty_and_round_trip(db_session):
    assert prison_settings.units(db_session) == []
    prison_settings.save(db_session, [" A ", "", "B", "A"], "5/hour")
    assert prison_settings.units(db_session) == ["A", "B"]


def test_request_limit_defaults_until_set(db_session):
    assert prison_settings.request_limit(db_session, "5/hour") == "5/hour"
    prison_settings.save(db_session, [], "10 per day")
    assert prison_settings.request_limit(db_session, "5/hour") == "10 per day"


@pytest.mark.parametrize(
    ("units", "limit", "field"),
    [(["A"], "lots", "request_limit"), (["x" * 101], "5/hour", "units")],
)
def test_nothing_is_saved_when_one_setting_is_wrong(db_session, units, limit, field):
    with pytest.raises(SettingError) as caught:
        prison_settings.save(db_session, units, limit)
    assert caught.value.field == field
    assert prison_settings.units(db_session) == []
    assert prison_settings.request_limit(db_session, "5/hour") == "5/hour"
