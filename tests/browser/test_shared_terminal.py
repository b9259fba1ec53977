"""A shared terminal forgets: after the reset, Back shows nothing of the last reader.

One reader searches the library, asks for a conversation and signs up for an
event; then the terminal is reset, by the real idle timer (Playwright's clock)
or by "Start again". The next reader tries every way back: Playwright's Back
(the browser's own history traversal, which Alt+Left, the toolbar and a swipe
all use), the mouse's back button (a real input event), and history.back().
Every entry left in the tab's history is read through the DevTools protocol:
whatever key or gesture is used, these are the only pages Back can reach.
"""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from kiosk import db, events

TRACES = {
    "nb": ("Kari Hemmelig", "tømrer", "Mitt private ønske"),
    "pl": ("Łucja Tajna", "spawacz", "Moja prywatna wiadomość"),
    "ar": ("سلمى السرية", "نجار", "رسالتي الخاصة"),
}


def create_event(live_server) -> int:
    url = f"sqlite:///{live_server.data_dir / 'kiosk.sqlite3'}"
    with db.session_factory(url)() as session:
        return events.create(
            session,
            "anne",
            "workshop",
            {"nb": "Verksted om CV"},
            datetime.now(UTC) + timedelta(days=3),
            "Skolen",
            20,
            [],
        ).id


def history(page) -> tuple[int, list[str]]:
    """Return the tab's current history index and the address of every entry."""
    cdp = page.context.new_cdp_session(page)
    try:
        found = cdp.send("Page.getNavigationHistory")
    finally:
        cdp.detach()
    return found["currentIndex"], [entry["url"] for entry in found["entries"]]


def leave_traces(page, base: str, lang: str, event_id: int) -> list[str]:
    """Be a reader: search, ask for a conversation, sign up; return what to hide."""
    name, search, message = TRACES[lang]
    page.goto(base + "/")  # the address the terminal opens on
    page.locator(f'a.language-choice[lang="{lang}"]').click()
    expect(page).to_have_url(f"{base}/{lang}/")
    page.locator(f'.page-menu a[href="/{lang}/library"]').click()
    expect(page.locator("#q")).to_be_visible()
    entries_before = len(history(page)[1])
    page.locator("#q").press_sequentially(search, delay=20)
    expect(page.locator("#library-results mark").first).to_be_visible()
    page.locator("#q").press("Enter")
    expect(page.locator("#library-results mark").first).to_be_visible()
    # Searches do not pile up in the history, and no address holds the term.
    assert len(history(page)[1]) == entries_before
    assert "q=" not in page.url
    page.locator("#library-results a.card").first.click()
    expect(page.locator("article.library-document h1")).to_be_visible()

    page.locator(f'.page-menu a[href="/{lang}/request"]').click()
    page.locator("#name").fill(name)
    page.locator("#unit").fill("Avdeling Hemmelig")
    page.locator('input[name="topics"][value="cv"]').check()
    page.locator("#message").fill(message)
    page.locator("form.stack button[type=submit]").click()
    expect(page).to_have_url(f"{base}/{lang}/request/sent")
    request_code = page.locator(".request-code").inner_text().strip()

    page.goto(f"{base}/{lang}/events/{event_id}")
    page.locator("#name").fill(name)
    page.locator("#unit").fill("Avdeling Hemmelig")
    page.locator("form.stack button[type=submit]").click()
    expect(page).to_have_url(f"{base}/{lang}/events/signed")
    signup_code = page.locator(".request-code").inner_text().strip()

    page.goto(f"{base}/{lang}/status")
    page.locator("#code").fill(request_code)
    page.locator("form.stack button[type=submit]").click()
    expect(page.locator(".status-box")).to_be_visible()
    page.locator("#code").fill(signup_code)  # typed, not sent
    return [request_code, signup_code, name, search, message, "Avdeling Hemmelig"]


def settled(page) -> tuple[str, list[str]]:
    """Return the page's HTML and field values once a navigation has settled."""
    for _ in range(50):
        page.wait_for_timeout(100)
        try:
            page.wait_for_load_state()
            html = page.content()
            values = page.eval_on_selector_all(
                "input, textarea", "fields => fields.map(field => field.value)"
            )
        except PlaywrightError:  # still navigating
            continue
        return html, values
    raise AssertionError(f"the page never settled at {page.url}")


def assert_forgotten(page, base: str, secrets: list[str]) -> None:
    """Nothing on the page, in its fields or in its address belongs to the reader."""
    html, values = settled(page)
    for secret in secrets:
        assert secret not in html, secret
        assert not any(secret in value for value in values), secret
        assert secret not in page.url
    assert page.url in ("about:blank", base + "/"), page.url


def finish_reset(page, base: str) -> None:
    """Wait until the reset, begun by the idle timer or a press, has settled."""
    expect(page).to_have_url(base + "/")
    expect(page.locator(".language-choice").first).to_be_visible()
    page.wait_for_function("sessionStorage.getItem('kiosk-reset-step') === null")
    page.wait_for_load_state()


def try_every_way_back(page, base: str, secrets: list[str]) -> None:
    """Go back by each means, as far as the history goes; nothing may show."""
    index, entries = history(page)
    assert all(url in ("about:blank", base + "/") for url in entries), entries
    for _ in range(len(entries)):
        page.go_back()
        assert_forgotten(page, base, secrets)
    for _ in range(len(entries)):
        page.go_forward()
    cdp = page.context.new_cdp_session(page)
    for _ in range(len(entries)):
        for kind in ("mousePressed", "mouseReleased"):
            cdp.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": 20, "y": 20, "button": "back", "clickCount": 1},
            )
        assert_forgotten(page, base, secrets)
    cdp.detach()
    if page.url != "about:blank":
        page.evaluate("history.back()")
        assert_forgotten(page, base, secrets)
    assert index == len(entries) - 1


@pytest.mark.parametrize("lang", ["nb", "pl", "ar"])
def test_after_the_idle_reset_back_shows_nothing_of_the_last_reader(
    page, live_server, lang
):
    base = live_server.kiosk_url
    page.clock.install()
    secrets = leave_traces(page, base, lang, create_event(live_server))
    page.clock.fast_forward(121_000)
    expect(page.locator("#idle-dialog")).to_be_visible()
    page.clock.run_for(31_000)
    finish_reset(page, base)
    try_every_way_back(page, base, secrets)


def test_start_again_forgets_like_the_idle_reset(page, live_server):
    base = live_server.kiosk_url
    secrets = leave_traces(page, base, "nb", create_event(live_server))
    page.goto(base + "/nb/")
    page.locator("a[data-start-again]").click()
    finish_reset(page, base)
    try_every_way_back(page, base, secrets)
