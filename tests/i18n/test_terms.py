"""One term for one thing: forbidden variants and shared words, with file and line."""

import shutil

import pytest

from kiosk.config import CONTENT_DIR, STATIC_DIR, TRANSLATIONS_DIR
from kiosk.i18n import check as i18n_check
from kiosk.i18n import terms
from tests.i18n.test_check import edit, line_of


@pytest.fixture
def tree(tmp_path):
    translations, content = tmp_path / "translations", tmp_path / "content"
    shutil.copytree(
        TRANSLATIONS_DIR, translations, ignore=shutil.ignore_patterns("*.mo")
    )
    shutil.copytree(CONTENT_DIR, content)
    (translations / "ro" / "terms.toml").write_text(
        '[queue]\nterm = "rând"\nstems = ["rând"]\navoid = ["lista de aștept"]\n\n'
        '[waiting-list]\nterm = "listă de așteptare"\n'
        'stems = ["lista de aștept", "listă de aștept"]\navoid = ["rând"]\n',
        encoding="utf-8",
    )
    return translations, content


def _errors(tree) -> list[str]:
    found = i18n_check.term_problems(tree[0], tree[1], "ro")
    return [str(problem) for problem in found]


def test_a_forbidden_variant_in_an_interface_string_is_reported(tree):
    po = tree[0] / "ro" / "LC_MESSAGES" / "messages.po"
    msgid = 'msgid "Your place in the queue: %(position)s"'
    line = line_of(po, msgid)
    text = po.read_text(encoding="utf-8").splitlines()
    text[line] = 'msgstr "Locul pe lista de așteptare: %(position)s"'
    po.write_text("\n".join(text) + "\n", encoding="utf-8")
    errors = _errors(tree)
    assert any(e.startswith(f"{po}:{line}: 'lista de aștept'") for e in errors)
    assert all("queue" in e for e in errors if str(po) in e)


def test_a_forbidden_variant_in_a_page_is_reported(tree):
    page = tree[1] / "ro" / "guides" / "cv.md"
    source = tree[1] / "nb" / "guides" / "cv.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nStå i kø.\n")
    page.write_text(
        page.read_text(encoding="utf-8") + "\nStați pe lista de așteptare.\n"
    )
    line = len(page.read_text(encoding="utf-8").splitlines())
    assert (
        f"{page}:{line}: 'lista de aștept' is not the word for queue here, "
        "use 'rând'" in _errors(tree)
    )


def test_a_word_is_allowed_where_the_source_names_its_own_concept(tree):
    page = tree[1] / "ro" / "guides" / "cv.md"
    source = tree[1] / "nb" / "guides" / "cv.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nKø og venteliste.\n")
    page.write_text(
        page.read_text(encoding="utf-8") + "\nRând și lista de așteptare.\n"
    )
    assert not any(str(page) in e for e in _errors(tree))


def test_two_concepts_sharing_one_word_are_reported(tree):
    path = tree[0] / "ro" / "terms.toml"
    edit(path, 'term = "listă de așteptare"', 'term = "rând"')
    line = line_of(path, "[waiting-list]")
    assert (
        f"{path}:{line}: waiting-list and queue share the word 'rând': "
        "a reader cannot tell them apart" in _errors(tree)
    )


def test_the_check_command_covers_terms(tree):
    edit(tree[0] / "ro" / "terms.toml", 'term = "listă de așteptare"', 'term = "rând"')
    problems = i18n_check.check_all(*tree, STATIC_DIR)
    assert any("share the word" in str(p) and p.is_error for p in problems)


def test_stems_match_word_beginnings_only():
    assert terms.mentions("Kolejki są długie", ["kolejk"])
    assert not terms.mentions("Nakolejki", ["kolejk"])
