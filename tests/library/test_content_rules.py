"""Content rules: each seeded error is refused with the file and line to fix."""

import pytest

from kiosk.config import STATIC_DIR
from kiosk.library.documents import CareerLibrary
from kiosk.library.markdown import MarkdownRenderer, icon_names
from kiosk.library.pages import GuidancePages
from tests.library_fixture import OCCUPATION, write, write_library


def _library(content):
    return CareerLibrary(content, MarkdownRenderer(icon_names(STATIC_DIR)))


def _occupation(content, slug, certificate, body, sector="industry"):
    path = content / "nb" / "occupations" / f"{slug}.md"
    write(
        path,
        OCCUPATION.format(
            title=slug,
            summary="Et yrke.",
            styrk="7212",
            sector=sector,
            routes="apprenticeship",
            certificate=certificate,
            prison="false",
            related="welder",
            body=body,
        ),
    )
    return path


@pytest.fixture
def content(tmp_path):
    return write_library(tmp_path / "content")


def test_the_real_library_keeps_every_rule():
    from kiosk.config import CONTENT_DIR

    assert _library(CONTENT_DIR).problems == []
    assert GuidancePages(CONTENT_DIR, STATIC_DIR).problems == []


def test_a_body_that_needs_a_certificate_cannot_say_none(content):
    path = _occupation(
        content, "guard", "none", "Du jobber om natten.\nDu må vise politiattest."
    )
    problems = _library(content).problems
    assert f"{path}:16: the text says a police certificate" in " ".join(problems)


def test_saying_no_law_asks_is_not_a_claim(content):
    _occupation(
        content, "baker", "none", "Ingen lov krever politiattest i dette yrket."
    )
    assert _library(content).problems == []


def test_municipal_care_work_must_be_required(content):
    body = "Kommunale tjenester følger helse- og omsorgstjenesteloven."
    path = _occupation(content, "carer", "some", body, sector="health-care")
    problems = _library(content).problems
    assert any(p.startswith(f"{path}:15: municipal health and care") for p in problems)


def test_required_cannot_say_no_law_asks(content):
    path = _occupation(content, "nurse", "required", "Ingen lov krever politiattest.")
    assert any(
        p.startswith(f"{path}:15: the text says no law")
        for p in _library(content).problems
    )


@pytest.mark.parametrize(
    ("sentence", "problem"),
    [
        ("Et papir som viser om du er straffet.", 'write "kan vise"'),
        ("Yrkesfaget teknikk og industriell produksjon.", "teknologi- og industrifag"),
        ("Med fagbrev står du sterkere.", "idiom"),
        ("Grunnskole for voksne er gratis.", "forberedende opplæring"),
    ],
)
def test_outdated_or_unclear_wording_is_refused(content, sentence, problem):
    path = _occupation(content, "worker", "none", sentence)
    found = [p for p in _library(content).problems if p.startswith(f"{path}:15: ")]
    assert found and problem in found[0]


def test_a_former_name_may_be_mentioned_as_former(content):
    _occupation(content, "worker", "none", "Teknologi- og industrifag het før TIP.")
    assert _library(content).problems == []


def test_guidance_pages_keep_the_wording_rules(tmp_path):
    path = tmp_path / "nb" / "home.md"
    write(path, "---\ntitle: Hjem\nnav: Hjem\norder: 1\n---\nDu står du sterkere.\n")
    problems = GuidancePages(tmp_path, STATIC_DIR).problems
    assert problems == [f'{path}:6: idiom "står du sterkere": say it literally']
