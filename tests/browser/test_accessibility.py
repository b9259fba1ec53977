"""axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page, and touch targets of 44 px."""

from pathlib import Path

import pytest

from kiosk import assessment, db, session_requests
from kiosk.config import TRANSLATIONS_DIR
from kiosk.i18n.languages import load_languages
from kiosk.session_requests import NewRequest
from tests.browser.test_request_journey import create_counsellor
from tests.conftest import STAFF_PASSWORD

AXE = next((Path(__file__).parent / "vendor").glob("axe-*.min.js"))
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = list(load_languages(TRANSLATIONS_DIR)[0])
KIOSK_PAGES = [
    "/",
    "/{lang}/",
    "/{lang}/guidance",
    "/{lang}/topics",
    "/{lang}/websites",
    "/{lang}/request",
    "/{lang}/status",
    "/{lang}/library",
    "/{lang}/library?q=lager",
    "/{lang}/library?kind=guides",
    "/{lang}/library/occupations/carpenter",
    "/{lang}/library/guides/cv",
    "/{lang}/library/my-list",
    "/{lang}/feedback",
    "/{lang}/events",
    "/{lang}/glossary",
]
STAFF_PAGES = [
    "/login",
    "/",
    "/queue",
    "/today",
    "/settings",
    "/offer",
    "/translations",
    "/translations/ar",
]
TARGETS = (Path(__file__).parent / "touch_targets.js").read_text(encoding="utf-8")


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_kiosk_pages_pass_axe_and_have_big_targets(axe_page, live_server, lang):
    problems = {}
    for template in KIOSK_PAGES:
        path = template.format(lang=lang)
        axe_page.goto(live_server.kiosk_url + path)
        found = violations(axe_page) + axe_page.evaluate(TARGETS)
        if found:
            problems[path] = found
    assert problems == {}


def test_staff_pages_pass_axe(axe_page, live_server):
    create_counsellor(live_server)
    url = f"sqlite:///{live_server.data_dir / 'kiosk.sqlite3'}"
    with db.session_factory(url)() as session:
        request_id = session_requests.submit(
            session, NewRequest("محمد علي", "Avdeling A", ["cv"], "ar", "ar")
        ).id
        assessment_id = assessment.create(session, "anne").id
    axe_page.goto(live_server.staff_url + "/login")
    assert violations(axe_page) == []
    axe_page.locator("#username").fill("anne")
    axe_page.locator("#password").fill(STAFF_PASSWORD)
    axe_page.locator("form.stack button[type=submit]").click()
    axe_page.wait_for_url(live_server.staff_url + "/")
    problems = {}
    extra = [
        f"/requests/{request_id}",
        "/assessments",
        f"/assessments/{assessment_id}",
        f"/assessments/{assessment_id}/report",
    ]
    for path in [*STAFF_PAGES[1:], *extra]:
        axe_page.goto(live_server.staff_url + path)
        found = violations(axe_page)
        if found:
            problems[path] = found
    assert problems == {}
