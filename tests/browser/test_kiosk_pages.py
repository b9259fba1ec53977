"""The inmate pages in a real browser: start screen, right-to-left, idle reset."""

import re

import pytest
from playwright.sync_api import expect

from kiosk.config import TRANSLATIONS_DIR
from kiosk.i18n.languages import load_languages

LANGUAGES = load_languages(TRANSLATIONS_DIR)[0]


def test_start_screen_offers_every_language(page, live_server, screenshot):
    page.goto(live_server.kiosk_url + "/")
    choices = page.locator(".language-choice")
    expect(choices).to_have_count(len(LANGUAGES))
    expect(page.locator('.language-choice[lang="ar"]')).to_have_attribute("dir", "rtl")
    screenshot("start")
    page.locator('.language-choice[lang="ar"]').click()
    expect(page).to_have_url(live_server.kiosk_url + "/ar/")
    assert page.evaluate("document.documentElement.dir") == "rtl"


@pytest.mark.parametrize("lang", ["nb", "ar"])
def test_home_page_renders(page, live_server, screenshot, lang):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.kiosk_url}/{lang}/")
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == lang
    screenshot(f"home-{lang}")
    assert errors == []  # no CSP violation, no missing asset


def test_arabic_page_is_mirrored(page, live_server):
    page.goto(live_server.kiosk_url + "/ar/topics")
    icon = page.locator("article h1 .icon").bounding_box()
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The heading's icon, first in reading order, stands at the right.
    assert icon["x"] > page.viewport_size["width"] / 2
    items = page.locator(".page-menu li").all()
    assert items[0].bounding_box()["x"] > items[-1].bounding_box()["x"]


def test_boosted_navigation_keeps_language_and_direction(page, live_server):
    page.goto(live_server.kiosk_url + "/ar/")
    page.locator('.page-menu a[href="/ar/topics"]').click()
    expect(page).to_have_url(live_server.kiosk_url + "/ar/topics")
    expect(page.locator("article h1")).to_contain_text("تتحدّث")
    assert page.evaluate("document.documentElement.dir") == "rtl"


def test_idle_reset_warns_then_returns_to_the_start(page, live_server, screenshot):
    page.clock.install()
    page.goto(live_server.kiosk_url + "/nb/topics")
    dialog = page.locator("#idle-dialog")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward(121_000)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Er du der fortsatt?")
    screenshot("idle-warning-nb")
    page.clock.run_for(31_000)
    expect(page).to_have_url(re.compile(re.escape(live_server.kiosk_url) + "/$"))
    expect(page.locator(".language-choice")).to_have_count(len(LANGUAGES))


def test_continue_keeps_the_reader_on_the_page(page, live_server):
    page.clock.install()
    page.goto(live_server.kiosk_url + "/en/guidance")
    page.clock.fast_forward(121_000)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#idle-dialog")).to_be_hidden()
    page.clock.run_for(40_000)
    expect(page).to_have_url(live_server.kiosk_url + "/en/guidance")
