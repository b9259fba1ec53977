"""Every language in the real browser: our own fonts draw every glyph, RTL mirrors."""

import pytest

from kiosk.config import TRANSLATIONS_DIR
from kiosk.i18n.languages import load_languages

LANGUAGES = load_languages(TRANSLATIONS_DIR)[0]
PAGES = ["", "topics", "request"]


def fonts_used(page) -> dict[str, bool]:
    """Return each font Chromium drew text with, and whether it is a web font."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1, "pierce": False})["root"]
    used: dict[str, bool] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.get("children", []))
        if node.get("nodeType") != 1 or node.get("nodeName") in ("HEAD", "SCRIPT"):
            continue
        answer = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
        for font in answer["fonts"]:
            used[font["familyName"]] = font["isCustomFont"]
    session.detach()
    return used


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_glyph_comes_from_the_shipped_fonts(page, live_server, screenshot, lang):
    for slug in PAGES:
        page.goto(f"{live_server.kiosk_url}/{lang}/{slug}")
        page.evaluate("document.fonts.ready.then(() => true)")
        used = fonts_used(page)
        assert used, slug
        system = sorted(name for name, custom in used.items() if not custom)
        assert system == [], f"/{lang}/{slug} drew text with system fonts {system}"
    page.goto(f"{live_server.kiosk_url}/{lang}/")
    page.evaluate("document.fonts.ready.then(() => true)")
    screenshot(f"language-{lang}")


@pytest.mark.parametrize("lang", [c for c, lang in LANGUAGES.items() if lang.is_rtl])
def test_right_to_left_pages_are_mirrored(page, live_server, lang):
    page.goto(f"{live_server.kiosk_url}/{lang}/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > page.viewport_size["width"] / 2  # the brand starts at the right
    items = page.locator(".page-menu li").all()
    assert items[0].bounding_box()["x"] > items[-1].bounding_box()["x"]
    code = page.locator("code").first
    if code.count():
        assert code.evaluate("e => getComputedStyle(e).direction") == "ltr"
