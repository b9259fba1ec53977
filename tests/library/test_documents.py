"""The career library as plain Python: facts, fallbacks, filters, content checks."""

import pytest

from kiosk.config import CONTENT_DIR, STATIC_DIR
from kiosk.library.documents import CareerLibrary
from kiosk.library.markdown import MarkdownRenderer, icon_names
from tests.library_fixture import write, write_library

RENDERER = MarkdownRenderer(icon_names(STATIC_DIR))


@pytest.fixture
def library(tmp_path):
    return CareerLibrary(write_library(tmp_path / "content"), RENDERER)


def test_documents_load_with_facts_from_the_norwegian_file(library):
    assert library.problems == []
    welder = library.get("occupations", "welder")
    assert welder.facts["styrk"] == "7212"
    assert welder.text(["pl", "en"]).title == "Spawacz"
    assert [doc.slug for doc in library.of_kind("guides")] == ["cv"]


def test_body_falls_back_when_a_translation_has_only_title_and_summary(library):
    welder = library.get("occupations", "welder")
    assert welder.text(["pl", "en"]).lang == "pl"
    assert welder.body(["pl", "en"]).lang == "nb"  # en has no body either
    carpenter = library.get("occupations", "carpenter")
    assert carpenter.body(["pl", "en"]).lang == "en"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["carpenter", "healthcare-worker", "welder"]),
        ({"sector": "industry"}, ["welder"]),
        ({"no_certificate": True}, ["carpenter", "welder"]),
        ({"in_prison": True}, ["carpenter", "healthcare-worker"]),
        (
            {"apprenticeship": True, "no_certificate": True, "in_prison": True},
            ["carpenter"],
        ),
    ],
)
def test_occupation_filters(library, filters, expected):
    assert [doc.slug for doc in library.occupations(**filters)] == expected


def test_usually_no_certificate_keeps_jobs_where_only_some_workplaces_ask(
    library,
):
    library.get("occupations", "welder").facts["police_certificate"] = "some"
    found = [doc.slug for doc in library.occupations(no_certificate=True)]
    assert found == ["carpenter", "welder"]


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ('styrk: "71"', "four-digit STYRK-08"),
        ("sector: space", "sector must be one of"),
        ("police_certificate: maybe", "police_certificate"),
        ("related: [astronaut]", "related occupation 'astronaut' not found"),
        ("pay_amount: 500000", "pay needs pay_source"),
    ],
)
def test_fact_problems_name_the_file(tmp_path, front_matter, message):
    content = write_library(tmp_path / "content")
    path = content / "nb" / "occupations" / "welder.md"
    key = front_matter.split(":")[0]
    lines = [line for line in path.read_text().splitlines() if not line.startswith(key)]
    lines.insert(1, front_matter)
    path.write_text("\n".join(lines) + "\n")
    problems = CareerLibrary(content, RENDERER).problems
    assert any(p.startswith(f"{path}:1:") and message in p for p in problems), problems


def test_a_translation_without_source_and_broken_files_are_reported(tmp_path):
    content = write_library(tmp_path / "content")
    write(
        content / "en" / "occupations" / "astronaut.md",
        "---\ntitle: A\nsummary: B\n---\n",
    )
    write(content / "pl" / "occupations" / "carpenter.md", "---\ntitle: [\n---\n")
    library = CareerLibrary(content, RENDERER)
    assert library.get("occupations", "astronaut") is None
    assert any("astronaut.md:1: no Norwegian source" in p for p in library.problems)
    assert any(
        "pl/occupations/carpenter.md:" in p and "front matter" in p
        for p in library.problems
    )
    assert library.get("occupations", "carpenter").text(["pl"]).lang == "nb"


def test_committed_library_is_clean_and_large_enough():
    library = CareerLibrary(CONTENT_DIR, RENDERER)
    assert library.problems == []
    assert len(library.of_kind("occupations")) >= 60
    assert len(library.of_kind("education")) >= 12
    assert len(library.of_kind("guides")) >= 10
    for document in library.documents.values():
        assert {"nb", "en"} <= set(document.texts), document.slug
        assert document.texts["en"].html.strip(), document.slug
