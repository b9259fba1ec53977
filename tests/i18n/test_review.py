"""Review per page and catalog: draft, reviewed by whom and when, outdated again."""

import shutil
from datetime import date

import pytest

from kiosk.config import CONTENT_DIR, TRANSLATIONS_DIR
from kiosk.i18n import review
from kiosk.library.markdown import mark_current

ON = date(2026, 12, 5)


@pytest.fixture
def tree(tmp_path):
    translations, content = tmp_path / "translations", tmp_path / "content"
    shutil.copytree(
        TRANSLATIONS_DIR, translations, ignore=shutil.ignore_patterns("*.mo")
    )
    shutil.copytree(CONTENT_DIR, content)
    (translations / "en" / review.REVIEW_FILE).unlink(missing_ok=True)
    return translations, content


def _state(tree, page_id="guides/cv", lang="en"):
    reviews = review.load_reviews(tree[0], lang)
    return review.page_state(tree[1], lang, page_id, reviews)


def test_a_translation_is_a_draft_until_a_person_reviews_it(tree):
    assert _state(tree) == "draft"
    done = review.review_of_page(tree[1], "en", "guides/cv", "Kari Nordmann", ON)
    review.record(tree[0], "en", done)
    assert _state(tree) == "reviewed"
    kept = review.load_reviews(tree[0], "en")["guides/cv"]
    assert (kept.by, kept.on) == ("Kari Nordmann", ON)


def test_changing_the_norwegian_source_makes_it_outdated_again(tree):
    review.record(
        tree[0], "en", review.review_of_page(tree[1], "en", "guides/cv", "Kari", ON)
    )
    source = tree[1] / "nb" / "guides" / "cv.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNy linje.\n")
    assert _state(tree) == "outdated"
    mark_current(tree[1], "en", "guides/cv")  # translated again, not yet reviewed
    assert _state(tree) == "draft"


def test_editing_a_reviewed_translation_makes_it_a_draft(tree):
    review.record(
        tree[0], "en", review.review_of_page(tree[1], "en", "guides/cv", "Kari", ON)
    )
    page = tree[1] / "en" / "guides" / "cv.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n")
    assert _state(tree) == "draft"


def test_an_outdated_page_cannot_be_marked_reviewed(tree):
    source = tree[1] / "nb" / "topics.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNy linje.\n")
    with pytest.raises(ValueError, match="older Norwegian version"):
        review.review_of_page(tree[1], "en", "topics", "Kari", ON)


def test_the_glossary_is_reviewed_like_a_page(tree):
    assert _state(tree, "glossary") == "draft"
    done = review.review_of_page(tree[1], "en", "glossary", "Kari", ON)
    review.record(tree[0], "en", done)
    assert _state(tree, "glossary") == "reviewed"
    nb = tree[1] / "nb" / "glossary.toml"
    nb.write_text(nb.read_text() + '\n[ny]\nterm = "ny"\nexplanation = "Ny."\n')
    assert _state(tree, "glossary") == "outdated"


def test_a_catalog_is_reviewed_while_it_stays_as_it_was(tree):
    po = tree[0] / "nb" / "LC_MESSAGES" / "staff.po"
    reviews = {}
    assert review.catalog_state(po, True, reviews) == "draft"
    review.record(tree[0], "nb", review.review_of_catalog(po, "catalog:staff", "K", ON))
    reviews = review.load_reviews(tree[0], "nb")
    assert review.catalog_state(po, True, reviews) == "reviewed"
    assert review.catalog_state(po, False, reviews) == "outdated"
    po.write_text(po.read_text(encoding="utf-8") + "\n")
    assert review.catalog_state(po, True, reviews) == "draft"


def test_a_broken_review_file_names_its_line(tree):
    path = tree[0] / "pl" / review.REVIEW_FILE
    path.write_text('["guides/cv"]\nby = "Kari"\n')
    with pytest.raises(review.ReviewFileError) as broken:
        review.load_reviews(tree[0], "pl")
    assert str(broken.value).startswith(f"{path}:1: guides/cv: missing")
