"""The library in a real browser: results appear as you type, in both directions."""

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize(
    ("lang", "query", "title"), [("nb", "tomer", "Tømrer"), ("ar", "نجار", "نجّار")]
)
def test_results_update_as_you_type(page, live_server, screenshot, lang, query, title):
    page.goto(f"{live_server.kiosk_url}/{lang}/library")
    first_count = page.locator("#results-title").inner_text()
    page.locator("#q").press_sequentially(query, delay=30)
    expect(page.locator("#results-title")).not_to_have_text(first_count)
    expect(page.locator("#library-results mark").first).to_be_visible()
    expect(page.locator("#library-results .card-title").first).to_contain_text(title)
    assert page.url.endswith(
        f"/{lang}/library"
    )  # no page load: HTMX swapped the results
    screenshot(f"library-search-{lang}")
