"""What the forms of both listeners share: limits the browser knows too."""

import re

from kiosk.feedback import MISSING_MAX
from kiosk.session_requests import MESSAGE_MAX, NAME_MAX, UNIT_MAX


def maxlength_of(page: str, name: str) -> int:
    tag = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)[0]
    return int(re.search(r'maxlength="(\d+)"', tag)[1])


def test_the_browser_stops_typing_where_the_form_would_refuse(client):
    """Code review 1.5-c: maxlength comes from the field's own limit."""
    page = client.get("/en/request").get_data(as_text=True)
    assert maxlength_of(page, "name") == NAME_MAX
    assert maxlength_of(page, "unit") == UNIT_MAX
    assert maxlength_of(page, "message") == MESSAGE_MAX
    feedback = client.get("/en/feedback").get_data(as_text=True)
    assert maxlength_of(feedback, "missing") == MISSING_MAX


def test_each_field_carries_its_limit_once(client):
    page = client.get("/en/request").get_data(as_text=True)
    for tag in re.findall(r"<(?:input|textarea)[^>]*>", page):
        assert tag.count("maxlength=") <= 1, tag
