"""Search as you type: folded letters, prefixes, typos, languages, hostile input."""

import pytest

from kiosk.config import STATIC_DIR
from kiosk.library.documents import CareerLibrary
from kiosk.library.markdown import MarkdownRenderer, icon_names
from kiosk.library.search import (
    Searcher,
    build_index,
    edit_distance,
    ensure_index,
    fold,
    highlight,
    terms_of,
)
from tests.library_fixture import write_library

CHAINS = {"nb": ["nb", "en"], "en": ["en", "nb"], "pl": ["pl", "en"]}


@pytest.fixture
def searcher(tmp_path):
    library = CareerLibrary(
        write_library(tmp_path / "content"), MarkdownRenderer(icon_names(STATIC_DIR))
    )
    path = tmp_path / "index.sqlite3"
    build_index(path, library, CHAINS)
    return Searcher(path)


def slugs(hits):
    return [hit.slug for hit in hits]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Tømrer", "tomrer"),
        ("SVEISER", "sveiser"),
        ("Ąžuolas ėjo", "azuolas ejo"),
        ("Frisør på Åsen", "frisor pa asen"),
        ("Đuro Łódź", "duro lodz"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("nb", "tømrer", ["carpenter"]),
        ("nb", "tomrer", ["carpenter"]),  # ø typed as o
        ("nb", "TØMR", ["carpenter"]),  # prefix, any case
        ("nb", "tomer", ["carpenter"]),  # a typo
        ("nb", "welder", ["welder"]),  # English title finds the Norwegian page
        ("en", "sveiser", ["welder"]),
        ("pl", "spawacz", ["welder"]),
        ("nb", "azuolas", ["healthcare-worker"]),  # ą and ė folded
        ("nb", "metall varme", ["welder"]),
    ],
)
def test_search_finds(searcher, lang, query, expected):
    assert slugs(searcher.search(lang, query))[: len(expected)] == expected


def test_results_are_in_the_reader_language(searcher):
    hits = searcher.search("pl", "welder")
    assert slugs(hits) == ["welder"]
    assert all(hit.terms for hit in hits)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "NEAR(",
        "tomrer OR",
        "AND",
        ")))",
        "x" * 5000,
        "\u202e\u2066abc\u2069",
        "col:val",
        "^start",
        "' OR 1=1 --",
        "",
        "   ",
        "\x00",
    ],
)
def test_hostile_queries_never_fail(searcher, query):
    assert isinstance(searcher.search("nb", query), list)


def test_terms_are_limited_and_plain():
    assert terms_of('"NEAR(tomrer* , sveis" OR') == ["near", "tomrer", "sveis", "or"]
    assert len(terms_of("a " * 100)) == 8


def test_edit_distance():
    assert edit_distance("tomer", "tomrer") == 1
    assert edit_distance("sveiser", "sveiser") == 0
    assert edit_distance("abc", "xyz") == 3


def test_highlight_marks_matches_and_escapes():
    marked = highlight("Tømrer <b>og</b> tømmer", ("tomr",))
    assert str(marked) == "<mark>Tømrer</mark> &lt;b&gt;og&lt;/b&gt; tømmer"


def test_index_is_rebuilt_only_when_the_files_change(tmp_path):
    content = write_library(tmp_path / "content")
    renderer = MarkdownRenderer(icon_names(STATIC_DIR))
    path = tmp_path / "index.sqlite3"
    assert ensure_index(path, CareerLibrary(content, renderer), CHAINS) is True
    assert ensure_index(path, CareerLibrary(content, renderer), CHAINS) is False
    page = content / "nb" / "guides" / "cv.md"
    page.write_text(page.read_text().replace("Skriv en CV", "Lag en god CV"))
    assert ensure_index(path, CareerLibrary(content, renderer), CHAINS) is True
    assert slugs(Searcher(path).search("nb", "lag god")) == ["cv"]


def test_highlight_keeps_words_with_combining_marks_whole():
    assert str(highlight("نجّار بناء", ("نجار",))) == "<mark>نجّار</mark> بناء"
    assert (
        str(highlight("Cafe\u0301 og kafe", ("cafe",)))
        == "<mark>Cafe\u0301</mark> og kafe"
    )
