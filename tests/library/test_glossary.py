"""The glossary: files read with file:line errors, terms marked once, in place."""

import pytest
from markupsafe import Markup

from kiosk.config import CONTENT_DIR
from kiosk.library.glossary import Glossary, mark_terms, read_glossary
from kiosk.library.markdown import ContentFileError

NB = """[fagbrev]
term = "fagbrev"
forms = ["fagbrevet", "fagbrev"]
explanation = "Bevis på at du er faglært."

[fagbrev-pa-jobb]
term = "fagbrev på jobb"
explanation = "Fagbrev mens du jobber."

[nav]
term = "NAV"
explanation = "Arbeids- og velferdsforvaltningen."
"""


@pytest.fixture
def glossary(tmp_path):
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "glossary.toml").write_text(NB, encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "glossary.toml").write_text(
        '[fagbrev]\nterm = "trade certificate"\n'
        'forms = ["trade certificate", "fagbrev"]\nexplanation = "Proof."\n',
        encoding="utf-8",
    )
    return Glossary(tmp_path)


def _explain(key, shown):
    return Markup("[%s:%s]") % (key, shown)


def test_the_real_glossary_is_complete_in_nb_and_en():
    glossary = Glossary(CONTENT_DIR)
    assert glossary.problems == []
    assert len(glossary.keys()) >= 40
    keys = glossary.keys()
    assert all(glossary.term(key, ["en"]).lang == "en" for key in keys)


def test_only_the_first_use_is_marked(glossary):
    html = "<p>Ta fagbrev. Med fagbrevet får du jobb. Fagbrev igjen.</p>"
    marked = mark_terms(html, "nb", glossary, _explain)
    assert (
        marked
        == "<p>Ta [fagbrev:fagbrev]. Med fagbrevet får du jobb. Fagbrev igjen.</p>"
    )


def test_the_longest_form_wins(glossary):
    marked = mark_terms("<p>Fagbrev på jobb.</p>", "nb", glossary, _explain)
    assert marked == "<p>[fagbrev-pa-jobb:Fagbrev på jobb].</p>"


def test_headings_and_web_addresses_are_left_alone(glossary):
    html = "<h2>Fagbrev</h2><p>Se <code>nav.no</code> og spør NAV.</p>"
    marked = mark_terms(html, "nb", glossary, _explain)
    assert marked == "<h2>Fagbrev</h2><p>Se <code>nav.no</code> og spør [nav:NAV].</p>"


def test_a_translation_also_marks_the_norwegian_word_in_brackets(glossary):
    html = "<p>A trade certificate (fagbrev) helps.</p>"
    marked = mark_terms(html, "en", glossary, _explain)
    assert marked == "<p>A [fagbrev:trade certificate] (fagbrev) helps.</p>"


def test_a_missing_term_falls_back_along_the_chain(glossary):
    assert glossary.term("nav", ["en", "nb"]).lang == "nb"
    assert glossary.norwegian("fagbrev") == "fagbrev"


def test_a_broken_file_is_reported_with_its_line(tmp_path):
    path = tmp_path / "pl" / "glossary.toml"
    path.parent.mkdir()
    path.write_text('[fagbrev]\nterm = "x"\n\n[NAV]\nterm = "y"\n', encoding="utf-8")
    with pytest.raises(ContentFileError) as broken:
        read_glossary(path)
    assert str(broken.value).startswith(f"{path}:1: fagbrev: missing explanation")
    path.write_text('[fagbrev]\nterm = "x\n', encoding="utf-8")
    with pytest.raises(ContentFileError) as broken:
        read_glossary(path)
    assert str(broken.value).startswith(f"{path}:2: glossary")
