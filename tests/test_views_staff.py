"""Two doors: staff pages only on the staff app, kiosk pages only on the kiosk app."""

import pytest


def test_staff_start_page_answers(staff_client):
    response = staff_client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<html lang="nb" dir="ltr">' in page
    assert "Startside for ansatte" in page
    assert "العربية" in page  # the language table


@pytest.mark.parametrize("path", ["/nb/", "/ar/topics", "/en/websites", "/reset"])
def test_kiosk_pages_do_not_exist_on_the_staff_app(staff_client, path):
    assert staff_client.get(path).status_code == 404


def test_no_staff_route_on_the_kiosk_app(app, staff_app):
    kiosk_rules = {rule.rule for rule in app.url_map.iter_rules()}
    staff_endpoints = {
        rule.endpoint
        for rule in staff_app.url_map.iter_rules()
        if rule.endpoint != "static"
    }
    assert not any(e.startswith("staff.") for e in app.view_functions)
    assert staff_endpoints
    assert all(endpoint.startswith("staff.") for endpoint in staff_endpoints)
    assert "/staff" not in kiosk_rules


@pytest.mark.parametrize("path", ["/staff", "/staff/", "/login", "/admin"])
def test_staff_like_urls_answer_404_on_the_kiosk(client, path):
    assert client.get(path).status_code == 404
