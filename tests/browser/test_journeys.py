"""Whole journeys in a real browser: inmates by keyboard only, staff at their desk.

Every step is saved as a screenshot under test-output/journeys/.
"""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.test_request_journey import create_counsellor
from tests.conftest import STAFF_PASSWORD
from tests.live_server import running_server

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "journeys"
FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
}"""


class Keyboard:
    """Moves through a page with Tab only, checking that focus is always visible."""

    def __init__(self, page, name: str):
        self.page, self.name, self.step = page, name, 0

    def shot(self, label: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.step += 1
        path = SHOTS / f"{self.name}-{self.step:02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True)

    def tab_to(self, selector: str, limit: int = 120) -> None:
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            visible = self.page.evaluate(FOCUS_VISIBLE)
            assert visible is not False, "focus is not visible"
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    def activate(self, selector: str, key: str = "Enter") -> None:
        self.tab_to(selector)
        self.page.keyboard.press(key)

    def type_into(self, selector: str, text: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.type(text)


@pytest.mark.parametrize(
    ("lang", "name", "search"),
    [
        ("nb", "Kari Nordmann", "tomer"),
        ("pl", "Łukasz Nowak", "spawacz"),
        ("ar", "محمد علي", "نجار"),
    ],
)
def test_inmate_journey_by_keyboard_only(page, live_server, lang, name, search):
    keys = Keyboard(page, f"inmate-{lang}")
    page.goto(live_server.kiosk_url + "/")
    keys.shot("start")
    keys.activate(f'a.language-choice[lang="{lang}"]')
    expect(page).to_have_url(f"{live_server.kiosk_url}/{lang}/")
    keys.shot("home")

    keys.activate(f'.page-menu a[href="/{lang}/topics"]')
    expect(page).to_have_url(f"{live_server.kiosk_url}/{lang}/topics")
    keys.shot("topics")

    keys.activate(f'.page-menu a[href="/{lang}/library"]')
    expect(page.locator("#q")).to_be_visible()
    keys.type_into("#q", search)
    expect(page.locator("#library-results mark").first).to_be_visible()
    keys.shot("library-search")
    keys.activate("#library-results a.card")
    expect(page.locator("article.library-document h1")).to_be_visible()
    keys.shot("occupation")
    keys.activate('.my-list-action button[type="submit"]')
    expect(page.locator(".my-list-action input[name=action]")).to_have_value("remove")
    keys.shot("kept-in-my-list")

    keys.activate(f'.page-menu a[href="/{lang}/request"]')
    keys.type_into("#name", name)
    keys.type_into("#unit", "Avdeling B")
    keys.activate('input[name="topics"][value="cv"]', key="Space")
    keys.tab_to('input[name="session_format"]:checked')  # a radio group is one stop
    page.keyboard.press("ArrowDown")
    expect(page.locator('input[name="session_format"][value="group"]')).to_be_checked()
    expect(page.locator('input[name="occupations"]').first).to_be_checked()
    keys.type_into("#message", "…")
    keys.shot("request-form")
    keys.activate('form.stack button[type="submit"]')
    expect(page).to_have_url(f"{live_server.kiosk_url}/{lang}/request/sent")
    code = page.locator(".request-code").inner_text().strip()
    keys.shot("request-sent")

    keys.activate(f'a[href="/{lang}/status"].button')
    keys.type_into("#code", code)
    keys.page.keyboard.press("Enter")
    expect(page.locator(".status-box.status-waiting")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(name)
    keys.shot("status")

    keys.activate('a[href="/"][hx-boost="false"]')
    expect(page.locator(".language-choice").first).to_be_visible()


@pytest.fixture
def own_server(tmp_path):
    """A server of this test's own: the staff journey changes the settings."""
    with running_server(tmp_path, KIOSK_REQUEST_LIMIT="1000/hour") as server:
        yield server


def test_staff_journey(page, own_server):
    live_server = own_server
    create_counsellor(live_server)
    kiosk = page.context.browser.new_context()
    inmate = kiosk.new_page()
    codes = []
    for person in ("Ola Hansen", "ola  hansen"):
        inmate.goto(live_server.kiosk_url + "/nb/request")
        inmate.locator("#name").fill(person)
        inmate.locator("#unit").fill("Avdeling A")
        inmate.locator('input[name="topics"][value="pay"]').check()
        inmate.locator("form.stack button[type=submit]").click()
        codes.append(inmate.locator(".request-code").inner_text().strip())
    kiosk.close()

    keys = Keyboard(page, "staff-nb")
    staff = live_server.staff_url
    page.goto(staff + "/")
    keys.shot("login")
    page.locator("#username").fill("anne")
    page.locator("#password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.locator("h1")).to_have_text("Startside for ansatte")
    keys.shot("start")

    page.get_by_role("link", name="Forespørselskø").first.click()
    expect(page.locator(".badge-warning")).to_have_count(2)  # likely duplicates
    page.locator("#filter-topic").select_option("pay")
    page.locator("#queue-filters button[type=submit]").click()
    expect(page.locator(".queue-table tbody tr")).to_have_count(2)
    keys.shot("queue")
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned CSV").click()
    assert "request_code" in Path(download.value.path()).read_text()

    page.get_by_role("link", name=codes[0]).click()
    # the day /today lists: the prison's (KIOSK_TIMEZONE), not the browser's UTC
    today = datetime.now(ZoneInfo("Europe/Oslo")).date().isoformat()
    page.locator("#day").fill(today)
    page.locator("#time").fill("23:30")
    page.locator("#place").fill("Skolen, rom 2")
    page.get_by_role("button", name="Lagre tid og sted").click()
    expect(page.locator(".facts")).to_contain_text("Skolen, rom 2")
    page.locator("#notes").fill("Ønsker fagbrev.")
    page.get_by_role("button", name="Lagre notater").click()
    expect(page.locator("section[aria-labelledby=audit-title] tbody tr")).to_have_count(
        2
    )
    expect(page.locator("#notes")).to_have_value("Ønsker fagbrev.")
    keys.shot("request-scheduled")

    page.get_by_role("link", name="I dag").first.click()
    expect(page.locator(".day-list")).to_contain_text("Skolen, rom 2")
    keys.shot("today")
    page.go_back()
    page.locator("#outcome").select_option("no-show")
    page.get_by_role("button", name="Avslutt forespørselen").click()
    expect(page.locator("section[aria-labelledby=reopen-title]")).to_be_visible()
    page.get_by_role("button", name="Gjenåpne forespørselen").click()
    trail = page.locator("section[aria-labelledby=audit-title] tbody tr")
    expect(trail).to_have_count(4)
    keys.shot("audit-trail")

    page.get_by_role("link", name="Innstillinger").first.click()
    page.locator("#units").fill("Avdeling A\nAvdeling B")
    page.locator("#request_limit").fill("6/hour")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".notice")).to_be_visible()
    keys.shot("settings")

    page.get_by_role("link", name="Oversettelser").first.click()
    # The first visit runs the whole translation check (seconds); later ones reuse it.
    rows = page.locator("table.data-table tbody tr")
    expect(rows).to_have_count(14, timeout=30_000)
    keys.shot("translations")

    page.get_by_role("button", name=re.compile("Logg ut")).click()
    expect(page.locator("#username")).to_be_visible()


@pytest.mark.parametrize("lang", ["nb", "pl", "ar"])
def test_feedback_and_event_sign_up_by_keyboard_only(page, live_server, lang):
    from datetime import UTC, datetime, timedelta

    from kiosk import db, events

    url = f"sqlite:///{live_server.data_dir / 'kiosk.sqlite3'}"
    with db.session_factory(url)() as session:
        event = events.create(
            session,
            "anne",
            "employer-visit",
            {"nb": "Besøk fra et byggefirma", "pl": "Wizyta firmy budowlanej"},
            datetime.now(UTC) + timedelta(days=3),
            "Skolen",
            5,
            [],
        )
    keys = Keyboard(page, f"inmate-{lang}-more")
    page.goto(f"{live_server.kiosk_url}/{lang}/")
    keys.activate(f'.page-menu a[href="/{lang}/feedback"]')
    keys.tab_to('input[name="rating"]')  # the five faces are one radio group
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator('input[name="rating"]:checked')).to_have_count(1)
    keys.activate('input[name="helped"][value="library"]', key="Space")
    keys.type_into("#missing", "…")
    keys.shot("feedback")
    keys.activate('form.stack button[type="submit"]')
    expect(page).to_have_url(f"{live_server.kiosk_url}/{lang}/feedback/thanks")
    keys.shot("feedback-thanks")

    keys.activate(f'.page-menu a[href="/{lang}/events"]')
    keys.activate(f'a.card[href="/{lang}/events/{event.id}"]')
    keys.type_into("#name", "Test Person")
    keys.type_into("#unit", "Avdeling A")
    keys.activate('form.stack button[type="submit"]')
    expect(page).to_have_url(f"{live_server.kiosk_url}/{lang}/events/signed")
    expect(page.locator(".status-box.status-scheduled")).to_be_visible()
    keys.shot("event-signed")


def test_staff_planning_journey(page, own_server):
    """Self-assessment, an event with attendance, feedback and statistics, in nb."""
    live_server = own_server
    create_counsellor(live_server)
    inmate_context = page.context.browser.new_context()
    inmate = inmate_context.new_page()
    inmate.goto(live_server.kiosk_url + "/nb/feedback")
    inmate.locator('input[name="rating"][value="4"]').check()
    inmate.locator("#missing").fill("Mer om fagbrev")
    inmate.locator("form.stack button[type=submit]").click()
    expect(inmate).to_have_url(live_server.kiosk_url + "/nb/feedback/thanks")

    keys = Keyboard(page, "staff-nb-planning")
    staff = live_server.staff_url
    page.goto(staff + "/login")
    page.locator("#username").fill("anne")
    page.locator("#password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.locator("h1")).to_have_text("Startside for ansatte")

    page.goto(staff + "/assessments")
    page.locator('button[name="copy"][value="0"]').click()
    page.locator('input[name="answer-information-given"][value="no"]').check()
    page.locator("#todo-information-given").fill("Starte en CV-gruppe")
    page.locator("form.assessment button[type=submit]").click()
    expect(page.locator("details.tips[open]")).to_have_count(1)
    keys.shot("assessment")
    page.goto(page.url.split("?")[0] + "/report")
    expect(page.locator("body")).to_contain_text("Starte en CV-gruppe")
    keys.shot("assessment-report")

    page.goto(staff + "/events")
    page.locator("#kind").select_option("group-guidance")
    page.locator("#title-nb").fill("CV-gruppe")
    day = page.evaluate("new Date(Date.now() + 2 * 864e5).toISOString().slice(0, 10)")
    page.locator("#day").fill(day)
    page.locator("#time").fill("10:00")
    page.locator("#place").fill("Biblioteket")
    page.locator("#capacity").fill("1")
    page.locator("form.stack button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("CV-gruppe")
    event_url = page.url
    for person in ("Per", "Pål"):
        inmate.goto(live_server.kiosk_url + "/nb/events")
        inmate.locator("a.card").first.click()
        inmate.locator("#name").fill(person)
        inmate.locator("#unit").fill("Avdeling A")
        inmate.locator("form.stack button[type=submit]").click()
        expect(inmate.locator(".request-code")).to_be_visible()
    page.goto(event_url)
    page.locator('input[name="came"]').check()
    page.locator("form button[type=submit]").last.click()
    expect(page.locator('input[name="came"]')).to_be_checked()
    expect(page.locator("tbody tr")).to_have_count(2)  # one place, one waiting
    keys.shot("event-attendance")
    inmate_context.close()

    page.goto(staff + "/feedback")
    expect(page.locator("body")).to_contain_text("Mer om fagbrev")
    keys.shot("feedback")
    page.goto(staff + "/statistics")
    expect(page.locator("#per-week")).to_be_visible()
    keys.shot("statistics")
