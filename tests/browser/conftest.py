"""Browser fixtures: Debian's chromium driven by Playwright against the real server."""

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.live_server import running_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    # The read-aloud player starts on a press, but a test's press is synthetic.
    "--autoplay-policy=no-user-gesture-required",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Run the real server for the browser tests of this worker."""
    # Every journey posts from 127.0.0.1: the per-terminal limits (tested on
    # their own) would otherwise decide which test runs last.
    limits = {"KIOSK_REQUEST_LIMIT": "1000/hour", "KIOSK_STATUS_LIMIT": "1000/hour"}
    with running_server(tmp_path_factory.mktemp("live"), **limits) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Launch headless Debian chromium once per worker."""
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: run `make browser-deps`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """Open a fresh browser context (no shared cookies) at a kiosk-sized viewport."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Return a function that saves a full-page screenshot under test-output."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def axe_page(browser):
    """A page that may load axe-core despite the kiosk's own strict CSP."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    yield context.new_page()
    context.close()
