"""Language files: the served languages, their direction and order."""

from kiosk.config import TRANSLATIONS_DIR
from kiosk.i18n.languages import load_languages


def test_committed_languages_load_in_order():
    languages, problems = load_languages(TRANSLATIONS_DIR)
    assert problems == []
    assert list(languages)[0] == "nb"
    assert {"nb", "en", "ar"} <= set(languages)
    assert languages["ar"].is_rtl
    assert not languages["nb"].is_rtl


def test_a_language_wide_review_flag_is_refused(tmp_path):
    (tmp_path / "pl").mkdir()
    (tmp_path / "pl" / "language.toml").write_text(
        'name = "Polski"\nreview = "reviewed"\n'
    )
    languages, problems = load_languages(tmp_path)
    assert languages == {} and "review.toml" in problems[0]


def test_a_broken_language_file_is_reported_not_fatal(tmp_path):
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "language.toml").write_text('name = "Norsk"\n')
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "language.toml").write_text('name = "broken\n')
    (tmp_path / "yy").mkdir()
    (tmp_path / "yy" / "language.toml").write_text('name = "Y"\ndirection = "up"\n')
    languages, problems = load_languages(tmp_path)
    assert list(languages) == ["nb"]
    assert len(problems) == 2
    assert problems[0].startswith(f"{tmp_path / 'xx' / 'language.toml'}:")
    assert "direction must be ltr or rtl" in problems[1]
