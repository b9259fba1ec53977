"""Glossary terms explain themselves in place: by touch and by keyboard, no script."""

import pytest

from kiosk.config import CONTENT_DIR
from kiosk.library.glossary import Glossary
from tests.browser.test_accessibility import violations

GLOSSARY = Glossary(CONTENT_DIR)
PAGE = "/{lang}/library/education/praksiskandidat"


@pytest.mark.parametrize("lang", ["nb", "pl", "ar"])
def test_tapping_a_term_shows_its_explanation(axe_page, live_server, lang):
    axe_page.goto(live_server.kiosk_url + PAGE.format(lang=lang))
    term = axe_page.locator("button.term").first
    key = term.get_attribute("popovertarget").removeprefix("term-")
    explanation = axe_page.locator(f"#term-{key}")
    assert not explanation.is_visible()
    term.click()
    assert explanation.is_visible()
    expected = GLOSSARY.term(key, [lang, "en"]).explanation
    assert expected in explanation.inner_text()
    assert violations(axe_page) == []
    axe_page.keyboard.press("Escape")
    assert not explanation.is_visible()


def test_a_term_opens_and_closes_by_keyboard(page, live_server):
    page.goto(live_server.kiosk_url + PAGE.format(lang="nb"))
    term = page.locator("button.term").first
    key = term.get_attribute("popovertarget").removeprefix("term-")
    term.focus()
    page.keyboard.press("Enter")
    explanation = page.locator(f"#term-{key}")
    assert explanation.is_visible()
    explanation.get_by_role("button").click()
    assert not explanation.is_visible()
    link = page.locator(f"#term-{key} a")
    assert link.get_attribute("href") == f"/nb/glossary#{key}"
