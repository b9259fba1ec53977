"""Search as you type: folded letters, prefixes, typos, languages, hostile input."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import STATIC_DIR
from kiosk.library import search as search_module
from kiosk.library.documents import CareerLibrary
from kiosk.library.markdown import MarkdownRenderer, icon_names
from kiosk.library.search import (
    MAX_CANDIDATES,
    MAX_CORRECTED_CHARS,
    MAX_CORRECTED_TERMS,
    Searcher,
    build_index,
    edit_distance,
    ensure_index,
    fold,
    highlight,
    terms_of,
)
from tests.library_fixture import OCCUPATION, write, write_library

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


def test_a_typo_reads_as_the_word_that_names_a_job(tmp_path):
    common = "Du jobber sammen med tømrer og murer."  # "tømrer" is a common word
    searcher = searcher_with(
        tmp_path,
        {
            # "tomter" is as close to "tomer" as "tømrer", and more frequent here
            "rock-blaster": (
                "Fjellsprenger",
                "Du sprenger stein på tomter.",
                "Tomter, tomter og tomter.",
            ),
            **{slug: (slug, common) for slug in ("roofer", "bricklayer", "painter")},
        },
    )
    assert searcher.nearest_words("tomer", lang="nb") == ["tomrer", "tomter"]
    found = slugs(searcher.search("nb", "tomer"))
    assert found[0] == "carpenter" and found[-1] == "rock-blaster"


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


@pytest.fixture(scope="module")
def real_searcher(tmp_path_factory):
    """The index of the real library, every served language."""
    from kiosk.config import CONTENT_DIR, TRANSLATIONS_DIR
    from kiosk.i18n.languages import load_languages
    from kiosk.i18n.page_language import chain_of

    served, _problems = load_languages(TRANSLATIONS_DIR)
    library = CareerLibrary(CONTENT_DIR, MarkdownRenderer(icon_names(STATIC_DIR)))
    path = tmp_path_factory.mktemp("index") / "index.sqlite3"
    build_index(path, library, {code: chain_of(served, code) for code in served})
    return Searcher(path)


def unique_query(rng, words: int, letters: int) -> str:
    alphabet = "abcdefghijklmnoprstuvyøåæ"
    return " ".join(
        "".join(rng.choice(alphabet) for _ in range(letters)) for _ in range(words)
    )


class Work:
    """Count what one search does: its SQL statements and word comparisons."""

    def __init__(self, searcher, monkeypatch):
        self.statements = 0
        self.comparisons = []
        searcher._connection().set_trace_callback(self._statement)
        compare = search_module.edit_distance

        def counted(a, b, most=None):
            self.comparisons.append((a, b))
            return compare(a, b, most)

        monkeypatch.setattr(search_module, "edit_distance", counted)

    def _statement(self, sql):
        # The searcher's own statements; FTS5's inner reads start with "--".
        self.statements += " MATCH " in sql and not sql.startswith("--")


@pytest.mark.parametrize(("words", "letters"), [(1, 200), (8, 24), (8, 12), (4, 7)])
def test_a_long_unique_query_does_bounded_work(
    real_searcher, monkeypatch, words, letters
):
    """F7: typo correction is bounded in terms, length and candidates.

    How long that work takes is measured by ``make bench``, not here.
    """
    import random

    rng = random.Random(f"{words}x{letters}")
    work = Work(real_searcher, monkeypatch)
    for _ in range(10):
        work.statements, work.comparisons = 0, []
        real_searcher.search("nb", unique_query(rng, words, letters))
        corrected = min(words, MAX_CORRECTED_TERMS) if 4 <= letters <= 24 else 0
        # One match, then per corrected term one vocabulary lookup, a count per
        # close word (at most MAX_CANDIDATES) and two matches at the end.
        most = 1 + corrected * (1 + MAX_CANDIDATES) + 2
        assert work.statements <= most
        assert len(work.comparisons) <= corrected * MAX_CANDIDATES
        assert all(
            len(a) <= MAX_CORRECTED_CHARS and len(b) <= MAX_CORRECTED_CHARS + 2
            for a, b in work.comparisons
        )


def test_a_typo_is_corrected_with_the_counted_work(real_searcher, monkeypatch):
    """The counter sees real work: a typo makes comparisons, a hit makes none."""
    work = Work(real_searcher, monkeypatch)
    assert real_searcher.search("nb", "sveiser")
    assert work.comparisons == []
    assert real_searcher.search("nb", "tomrre")
    assert 0 < len(work.comparisons) <= MAX_CANDIDATES


def test_far_words_cost_little_to_compare():
    assert edit_distance("tomrer", "tømrer".replace("ø", "o")) == 0
    assert edit_distance("a" * 24, "b" * 24, most=2) == 3  # gives up early
    assert edit_distance("kitten", "sitting", most=3) == 3
    assert edit_distance("kitten", "sitting", most=2) == 3


def searcher_with(tmp_path, summaries: dict[str, tuple[str, ...]]) -> Searcher:
    """The small library plus occupations {slug: (title, summary[, body])}."""
    content = write_library(tmp_path / "content")
    for slug, (title, summary, *body) in summaries.items():
        write(
            content / "nb" / "occupations" / f"{slug}.md",
            OCCUPATION.format(
                title=title,
                summary=summary,
                styrk="7100",
                sector="building",
                routes="apprenticeship",
                certificate="none",
                prison="false",
                related="",
                body="".join(body),
            ),
        )
    library = CareerLibrary(content, MarkdownRenderer(icon_names(STATIC_DIR)))
    build_index(tmp_path / "index.sqlite3", library, CHAINS)
    return Searcher(tmp_path / "index.sqlite3")


def test_corrections_for_words_of_4_to_24_letters(tmp_path):
    searcher = searcher_with(
        tmp_path,
        {
            "painter": ("Maler", "Du maler vegg."),
            "safety": ("Verneombud", "Arbeidsmiljøspesialisten og arbeidsmiljøet."),
        },
    )
    assert searcher.nearest_words("vegk") == ["vegg"]
    assert searcher.nearest_words("veg") == []  # three letters: no guessing
    assert searcher.nearest_words("arbeidsmiljospesialistan") == [
        "arbeidsmiljospesialisten"
    ]
    assert searcher.nearest_words("arbeidsmiljospesialistene") == []  # 25 letters


def test_short_words_allow_one_typo_longer_words_two(tmp_path):
    searcher = searcher_with(
        tmp_path, {"roofer": ("Taktekker", "Du legger papp, skifer og takstein.")}
    )
    assert "papp" in searcher.nearest_words("papx")  # 1 away, 4 letters
    assert "papp" not in searcher.nearest_words("papxx")  # 2 away, 5 letters
    assert "skifer" in searcher.nearest_words("skixxr")  # 2 away, 6 letters
    assert "takstein" in searcher.nearest_words("takxxein")  # 2 away, 8 letters
    assert "takstein" not in searcher.nearest_words("takxxxin")  # 3 away
    assert "skifer" in searcher.nearest_words("xkyfer")  # shares its last trigram


def test_at_most_three_corrections_the_most_named_first(tmp_path):
    searcher = searcher_with(
        tmp_path,
        {
            "painter": ("Maler", "Du maler malet males malen."),
            "painter-two": ("Maler i bygg", "Du maler."),
            "grinder": ("Sliper", "Du malar korn."),
        },
    )
    # "maler" names two pages, so it comes first though it sorts after "malar"
    assert searcher.nearest_words("malxr", lang="nb") == ["maler", "malar"]
    assert searcher.nearest_words("malxr") == ["malar", "maler"]  # no language
    assert len(searcher.nearest_words("malex")) == 3  # maler, males, malet, malen


def test_a_search_reads_a_typo_as_the_word_naming_more_pages(tmp_path):
    searcher = searcher_with(
        tmp_path,
        {
            "painter": ("Maler", "Du maler."),
            "painter-two": ("Maler i bygg", "Du maler."),
            "grinder": ("Sliper", "Du malar korn."),
        },
    )
    found = slugs(searcher.search("nb", "malxr"))
    assert found[:2] in (["painter", "painter-two"], ["painter-two", "painter"])
    assert "grinder" in found  # the other reading comes after


def textbook_distance(a: str, b: str) -> int:
    """Levenshtein distance by its definition (slow, for short words)."""
    if not a or not b:
        return len(a) + len(b)
    return min(
        textbook_distance(a[1:], b) + 1,
        textbook_distance(a, b[1:]) + 1,
        textbook_distance(a[1:], b[1:]) + (a[0] != b[0]),
    )


@given(
    st.text("abc", max_size=6),
    st.text("abc", max_size=6),
    st.one_of(st.none(), st.integers(0, 3)),
)
def test_edit_distance_agrees_with_the_definition(a, b, most):
    distance = textbook_distance(a, b)
    found = edit_distance(a, b, most)
    if most is None or distance <= most:
        assert found == distance
    elif abs(len(a) - len(b)) > most:
        assert found == most + 1  # given up before comparing a letter
    else:
        assert found > most


def test_hits_name_their_kind_and_highlight_without_terms_only_escapes(searcher):
    (hit,) = searcher.search("nb", "tømrer")
    assert (hit.kind, hit.slug, hit.terms) == ("occupations", "carpenter", ("tomrer",))
    assert str(highlight("a <b> & c", ())) == "a &lt;b&gt; &amp; c"


def test_at_most_thirty_hits(tmp_path):
    pages = {f"job-{n}": (f"Yrke {n}", "Du jobber i et verksted.") for n in range(35)}
    searcher = searcher_with(tmp_path, pages)
    assert len(searcher.search("nb", "verksted")) == 30
    assert len(searcher.search("nb", "verksted", limit=40)) > 30


def test_one_connection_per_thread(searcher):
    import threading

    first = searcher._connection()
    assert searcher._connection() is first
    others = []
    thread = threading.Thread(target=lambda: others.append(searcher._connection()))
    thread.start()
    thread.join()
    assert others[0] is not first


def test_a_word_that_starts_with_the_term_is_close(tmp_path):
    searcher = searcher_with(tmp_path, {"roofer": ("Taktekker", "Skiferplater.")})
    assert "skiferplater" in searcher.nearest_words("skifer")  # 2 more letters


def test_only_the_first_four_terms_are_corrected(searcher):
    assert slugs(searcher.search("nb", "du tomer")) == ["carpenter"]
    assert searcher.search("nb", "du du du du tomer") == []


def test_corrections_come_from_titles_and_summaries_of_three_letters_or_more(
    searcher,
):
    assert "hus" in searcher.nearest_words("husk")  # summary: "bygger hus i tre"
    assert searcher.nearest_words("verkstex") == []  # "verksted" is in a body only


def test_a_new_index_in_a_new_folder_and_again_for_new_language_chains(tmp_path):
    library = CareerLibrary(
        write_library(tmp_path / "content"), MarkdownRenderer(icon_names(STATIC_DIR))
    )
    path = tmp_path / "data" / "search" / "index.sqlite3"
    assert ensure_index(path, library, CHAINS) is True
    assert ensure_index(path, library, CHAINS) is False
    assert ensure_index(path, library, {**CHAINS, "pl": ["pl", "nb"]}) is True
