"""A request from kiosk to counsellor and back, in a real browser on the real server."""

import pytest
from playwright.sync_api import expect

from kiosk import accounts, db
from tests.conftest import STAFF_PASSWORD


def create_counsellor(live_server, username="anne"):
    url = f"sqlite:///{live_server.data_dir / 'kiosk.sqlite3'}"
    with db.session_factory(url)() as session:
        if accounts.find(session, username) is None:
            accounts.add(session, username, STAFF_PASSWORD)


def submit_request(page, base, lang, name):
    page.goto(f"{base}/{lang}/request")
    page.locator("#name").fill(name)
    page.locator("#unit").fill("Avdeling B")
    page.locator('input[name="topics"][value="cv"]').check()
    page.locator('input[name="topics"][value="occupations"]').check()
    page.locator("form.stack button[type=submit]").click()
    expect(page).to_have_url(f"{base}/{lang}/request/sent")
    return page.locator(".request-code").inner_text().strip()


@pytest.mark.parametrize(
    ("lang", "name"), [("pl", "Łukasz Wiśniewski"), ("ar", "محمد علي")]
)
def test_request_scheduled_closed_and_seen_by_code(
    page, live_server, screenshot, lang, name
):
    base, staff_base = live_server.kiosk_url, live_server.staff_url
    create_counsellor(live_server)
    code = submit_request(page, base, lang, name)
    direction = "rtl" if lang == "ar" else "ltr"
    assert page.evaluate("document.documentElement.dir") == direction
    screenshot(f"request-sent-{lang}")

    staff = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    desk = staff.new_page()
    desk.goto(staff_base + "/queue")
    desk.locator("#username").fill("anne")
    desk.locator("#password").fill(STAFF_PASSWORD)
    desk.get_by_role("button", name="Logg inn").click()
    expect(desk).to_have_url(staff_base + "/queue")
    desk.get_by_role("link", name=code).click()
    desk.locator("#day").fill("2030-01-15")
    desk.locator("#time").fill("10:30")
    desk.locator("#place").fill("Skolen, rom 2")
    desk.get_by_role("button", name="Lagre tid og sted").click()
    expect(desk.locator(".facts")).to_contain_text("Skolen, rom 2")
    expect(desk.locator("section[aria-labelledby=audit-title] table")).to_contain_text(
        "Skolen, rom 2"
    )

    page.goto(f"{base}/{lang}/status")
    page.locator("#code").fill(code.lower())
    page.locator("form.stack button[type=submit]").click()
    expect(page.locator(".status-box")).to_contain_text("10:30")
    expect(page.locator(".status-box")).to_contain_text("Skolen, rom 2")
    expect(page.locator("body")).not_to_contain_text(name)
    screenshot(f"status-scheduled-{lang}")

    desk.locator("#outcome").select_option("done")
    desk.get_by_role("button", name="Avslutt forespørselen").click()
    trail = desk.locator("section[aria-labelledby=audit-title] tbody tr")
    expect(trail).to_have_count(2)
    expect(trail.nth(0)).to_contain_text("anne")
    expect(trail.nth(1)).to_contain_text("done")
    staff.close()


def test_form_errors_keep_what_was_typed(page, live_server, screenshot):
    page.goto(live_server.kiosk_url + "/nb/request")
    page.locator("#name").fill("Kari Nordmann")
    page.locator("#message").fill("Jeg vil bli elektriker.")
    page.locator("form.stack button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#name")).to_have_value("Kari Nordmann")
    expect(page.locator("#message")).to_have_value("Jeg vil bli elektriker.")
    expect(page.locator("#unit")).to_have_attribute("aria-invalid", "true")
    screenshot("request-errors-nb")


@pytest.mark.parametrize("lang", ["nb", "pl", "ar"])
def test_idle_reset_empties_the_form(page, live_server, lang):
    page.clock.install()
    page.goto(f"{live_server.kiosk_url}/{lang}/request")
    page.locator("#name").fill("Someone Private")
    page.locator("#message").fill("private words")
    page.clock.fast_forward(121_000)
    expect(page.locator("#idle-dialog")).to_be_visible()
    page.clock.run_for(31_000)
    expect(page.locator(".language-choice").first).to_be_visible()
    page.goto(f"{live_server.kiosk_url}/{lang}/request")
    expect(page.locator("#name")).to_have_value("")
    page.go_back()
    page.go_back()
    expect(page.locator("body")).not_to_contain_text("Someone Private")
    assert "private words" not in page.content()
