"""Read aloud in Chromium: Listen plays, the highlight follows, controls and idle reset.

The server gets real audio (eSpeak NG, Opus) for a few pages in nb, pl and ar,
rendered before it starts, into a cache under test-output/ that later runs reuse.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kiosk import create_kiosk_app, db
from kiosk.library import speech
from kiosk.views.inmate import listen
from tests.browser.test_accessibility import violations
from tests.live_server import running_server

READ = ["nb", "pl", "ar"]
PAGES = [f"/{lang}/topics" for lang in READ]
AUDIO_CACHE = Path(__file__).resolve().parents[2] / "test-output" / "audio-cache"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
LISTEN = {"nb": "Lytt", "pl": "Posłuchaj", "ar": "استمع"}
PAUSE = {"nb": "Pause", "pl": "Pauza", "ar": "إيقاف مؤقت"}
CONTINUE = {"nb": "Fortsett", "pl": "Kontynuuj", "ar": "متابعة"}
STOP = {"nb": "Stopp", "pl": "Zatrzymaj", "ar": "إيقاف"}


def render_fixture_audio(data_dir: Path) -> None:
    """Render real audio for the pages under test (and their start tiles)."""
    url = f"sqlite:///{data_dir / 'kiosk.sqlite3'}"
    db.migrate(url)
    app = create_kiosk_app(
        {
            "DATA_DIR": data_dir,
            "DATABASE_URL": url,
            "SECRET_KEY_FILE": data_dir / "secret_key",
            "AUDIO_DIR": AUDIO_CACHE,
        }
    )
    paragraphs = [p for page in PAGES for p in listen.paragraphs_at(app, page)]
    paragraphs += [p for p in listen.paragraphs_at(app, "/") if p.lang in READ]
    library = app.extensions["kiosk.audio"]
    made, problems = speech.render_all(library.missing(paragraphs), AUDIO_CACHE, 2)
    assert problems == []
    db.engine_for(url).dispose()


@pytest.fixture(scope="module")
def reading_server(tmp_path_factory):
    """The real server, with audio for the topics page in nb, pl and ar."""
    data_dir = tmp_path_factory.mktemp("reading")
    render_fixture_audio(data_dir)
    with running_server(data_dir, KIOSK_AUDIO_DIR=str(AUDIO_CACHE)) as server:
        yield server


def reading(page) -> str:
    return page.evaluate("document.documentElement.dataset.reading || ''")


def highlighted(page) -> str:
    return page.locator(".is-reading").first.inner_text()


def listen_on(page, server, lang: str):
    page.goto(f"{server.kiosk_url}/{lang}/topics")
    button = page.get_by_role("button", name=LISTEN[lang], exact=True)
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("html")).to_have_attribute("data-reading", "playing")
    return page.locator("[data-audio]")


@pytest.mark.parametrize("lang", READ)
def test_listen_plays_and_the_highlight_follows(page, reading_server, lang):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    paragraphs = listen_on(page, reading_server, lang)
    expect(paragraphs.nth(0)).to_have_class(re.compile("is-reading"))
    # The title ends, the next paragraph is read and marked, by itself.
    expect(paragraphs.nth(1)).to_have_class(re.compile("is-reading"), timeout=15_000)
    expect(paragraphs.nth(0)).not_to_have_class(re.compile("is-reading"))
    expect(page.locator("[data-read-aloud-part]")).to_contain_text("2")
    assert errors == []  # no CSP violation, no missing audio


@pytest.mark.parametrize("lang", READ)
def test_pause_continue_and_stop(page, reading_server, lang):
    paragraphs = listen_on(page, reading_server, lang)
    pause = page.get_by_role("button", name=PAUSE[lang], exact=True)
    expect(pause).to_be_focused()  # Listen gave way to the controls
    pause.click()
    expect(page.locator("html")).to_have_attribute("data-reading", "paused")
    time_then = page.evaluate("performance.now()")
    page.wait_for_timeout(2500)  # longer than the title takes to read
    expect(paragraphs.nth(0)).to_have_class(re.compile("is-reading"))
    assert page.evaluate("performance.now()") - time_then >= 2500
    page.get_by_role("button", name=CONTINUE[lang], exact=True).click()
    expect(page.locator("html")).to_have_attribute("data-reading", "playing")
    expect(paragraphs.nth(1)).to_have_class(re.compile("is-reading"), timeout=15_000)
    page.get_by_role("button", name=STOP[lang], exact=True).click()
    expect(page.locator("html")).to_have_attribute("data-reading", "stopped")
    expect(page.locator(".is-reading")).to_have_count(0)
    expect(page.get_by_role("button", name=LISTEN[lang], exact=True)).to_be_focused()
    expect(page.locator("[data-read-aloud-state]")).not_to_be_empty()


def test_next_previous_and_slower(page, reading_server):
    paragraphs = listen_on(page, reading_server, "nb")
    page.get_by_role("button", name="Neste", exact=True).click()
    page.get_by_role("button", name="Neste", exact=True).click()
    expect(paragraphs.nth(2)).to_have_class(re.compile("is-reading"))
    page.get_by_role("button", name="Forrige", exact=True).click()
    expect(paragraphs.nth(1)).to_have_class(re.compile("is-reading"))
    slower = page.get_by_role("button", name="Saktere", exact=True)
    slower.click()
    expect(slower).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-read-aloud-state]")).to_contain_text("Del 2 av 18")


def test_keyboard_alone_starts_and_pauses(page, reading_server):
    page.goto(reading_server.kiosk_url + "/nb/topics")
    listen_button = page.get_by_role("button", name="Lytt", exact=True)
    for _ in range(40):
        page.keyboard.press("Tab")
        if listen_button.evaluate("b => b === document.activeElement"):
            break
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("data-reading", "playing")
    page.keyboard.press("Space")  # focus is on Pause now
    expect(page.locator("html")).to_have_attribute("data-reading", "paused")


def test_idle_reset_silences_the_reading(page, reading_server):
    page.clock.install()
    listen_on(page, reading_server, "nb")
    # window.name outlives the reset's page load: note there how the reading
    # stood once the reset had begun (this listener runs after the player's).
    page.evaluate(
        """() => document.addEventListener("kiosk:reset", () => {
            window.name = document.documentElement.dataset.reading + " " +
                document.querySelectorAll(".is-reading").length;
        })"""
    )
    page.clock.fast_forward(121_000)
    expect(page.locator("#idle-dialog")).to_be_visible()
    assert reading(page) == "playing"  # listening alone does not end the warning
    page.clock.run_for(31_000)
    expect(page).to_have_url(reading_server.kiosk_url + "/")
    assert page.evaluate("window.name") == "stopped 0"


def test_changing_page_stops_the_reading(page, reading_server):
    listen_on(page, reading_server, "nb")
    page.locator('.page-menu a[href="/nb/guidance"]').click()
    expect(page).to_have_url(reading_server.kiosk_url + "/nb/guidance")
    assert reading(page) == "stopped"


def test_a_language_tile_says_its_name(page, reading_server):
    page.goto(reading_server.kiosk_url + "/")
    tile = page.locator("li.language-tile", has=page.locator('a[href="/pl/"]'))
    tile.locator("[data-read-aloud-tile]").click()
    expect(tile.locator(".language-name")).to_have_class(re.compile("is-reading"))
    expect(tile.locator(".language-hint")).to_have_class(
        re.compile("is-reading"), timeout=10_000
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "read-aloud-start.png"))
    tiles_without_voice = page.locator(
        'li.language-tile:has(a[href="/ti/"]) [data-read-aloud-tile]'
    )
    expect(tiles_without_voice).to_have_count(0)


@pytest.fixture
def axe_reading_page(browser):
    """A page that may load axe-core despite the strict CSP (as in the axe tests)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", READ)
def test_the_player_on_screen_passes_axe(axe_reading_page, reading_server, lang):
    page = axe_reading_page
    listen_on(page, reading_server, lang)
    page.get_by_role("button", name=PAUSE[lang], exact=True).click()
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_load_state("networkidle")  # the play icon, first needed now
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"read-aloud-{lang}.png"))
    assert violations(page) == []
