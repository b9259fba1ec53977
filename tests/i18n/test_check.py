"""The translators' check: every kind of mistake reported with file and line."""

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from kiosk.config import CONTENT_DIR, STATIC_DIR, TRANSLATIONS_DIR
from kiosk.i18n import check as i18n_check
from kiosk.i18n import review
from kiosk.i18n.languages import Language, load_languages

# The languages the tests below break; the rest of the tree adds only time
# (check_all renders every page: the whole tree takes seconds, this copy a tenth).
TREE_LANGUAGES = ("nb", "en", "ar", "pl", "nn", "ti")
PAGES_PER_FOLDER = 2


@pytest.fixture
def tree(tmp_path):
    """A copy of six languages of the committed tree, safe to break.

    Each language keeps its files and top-level pages, and the first pages of
    each folder of pages (occupations, education, guides).
    """
    translations = tmp_path / "translations"
    content = tmp_path / "content"
    translations.mkdir()
    content.mkdir()
    for path in TRANSLATIONS_DIR.glob("*.pot"):
        shutil.copy(path, translations)
    for path in CONTENT_DIR.glob("*.toml"):
        shutil.copy(path, content)
    for lang in TREE_LANGUAGES:
        shutil.copytree(
            TRANSLATIONS_DIR / lang,
            translations / lang,
            ignore=shutil.ignore_patterns("*.mo"),
        )
        shutil.copytree(CONTENT_DIR / lang, content / lang, ignore=_later_pages)
    return translations, content


def _later_pages(folder: str, names: list[str]) -> set[str]:
    """Leave out all but the first pages of a folder of pages."""
    if Path(folder).parent.parent != CONTENT_DIR:
        return set()
    pages = sorted(name for name in names if name.endswith(".md"))
    return set(pages[PAGES_PER_FOLDER:])


def errors_in(tree) -> list[str]:
    problems = i18n_check.check_all(*tree, STATIC_DIR)
    return [str(problem) for problem in problems if problem.is_error]


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, needle) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_committed_tree_is_clean():
    assert errors_in((TRANSLATIONS_DIR, CONTENT_DIR)) == []


def test_renamed_placeholder_is_reported(tree):
    po = tree[0] / "nb" / "LC_MESSAGES" / "messages.po"
    edit(po, 'msgstr "Din plass i køen: %(position)s"', 'msgstr "Din plass: %(plass)s"')
    line = line_of(po, 'msgid "Your place in the queue: %(position)s"')
    errors = errors_in(tree)
    assert any(e.startswith(f"{po}:{line}:") and "placeholder" in e for e in errors)


def test_broken_brace_placeholder_and_tag_are_reported(tree):
    po = tree[0] / "ar" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8")
        + '\nmsgid "Hello <b>{name}</b>"\nmsgstr "مرحبا <b>{navn}"\n',
        encoding="utf-8",
    )
    line = line_of(po, 'msgid "Hello <b>{name}</b>"')
    errors = [e for e in errors_in(tree) if e.startswith(f"{po}:{line}:")]
    assert any("HTML tags differ" in e for e in errors)
    assert any("{placeholders} differ" in e for e in errors)


def test_syntax_error_is_reported_with_its_line(tree):
    po = tree[0] / "nb" / "LC_MESSAGES" / "messages.po"
    edit(po, 'msgstr "Noe gikk galt"', 'msgstr "Noe gikk galt')
    errors = [e for e in errors_in(tree) if e.startswith(f"{po}:")]
    assert len(errors) == 1 and "syntax" in errors[0]
    assert int(errors[0].split(":")[1]) > 1


def test_wrong_number_of_plural_forms_is_reported(tree):
    po = tree[0] / "pl" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    start = text.index("msgstr[2]")
    end = text.index("\n", start)
    po.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    assert any(e.startswith(f"{po}:") and "plural" in e for e in errors_in(tree))


def test_edited_norwegian_source_makes_translations_outdated(tree):
    source = tree[1] / "nb" / "topics.md"
    edit(source, "## CV", "## CV og søknad")
    errors = errors_in(tree)
    translated = tree[1] / "en" / "topics.md"
    line = line_of(translated, "source_version:")
    assert any(
        e.startswith(f"{translated}:{line}:") and "outdated" in e for e in errors
    )
    translations = [p for p in tree[1].glob("*/topics.md") if p.parent.name != "nb"]
    outdated = [e for e in errors if "topics.md" in e and "outdated" in e]
    assert len(outdated) == len(translations)  # every translation of the page


def test_mark_current_clears_outdated(tree):
    from kiosk.library.markdown import mark_current

    edit(tree[1] / "nb" / "home.md", "order: 1", "order: 1 ")
    assert any("en/home.md" in e for e in errors_in(tree))
    mark_current(tree[1], "en", "home")
    assert not any("en/home.md" in e for e in errors_in(tree))


def test_broken_front_matter_is_reported(tree):
    page = tree[1] / "ar" / "guidance.md"
    edit(page, "title: ", "title: [")
    errors = [e for e in errors_in(tree) if e.startswith(f"{page}:")]
    assert errors and "front matter" in errors[0]


def test_changed_sections_are_reported(tree):
    page = tree[1] / "en" / "topics.md"
    edit(page, "{.icon-wallet}", "{.icon-coins}")
    assert any(str(page) in e and "sections" in e for e in errors_in(tree))


def test_fuzzy_entries_fail_only_reviewed_catalogs(tree):
    from datetime import date

    from kiosk.i18n import review

    po = tree[0] / "nb" / "LC_MESSAGES" / "messages.po"
    done = review.review_of_catalog(po, "catalog", "Kari", date(2026, 12, 1))
    edit(po, 'msgid "Something went wrong"', '#, fuzzy\nmsgid "Something went wrong"')
    assert not any(str(po) in e for e in errors_in(tree))
    review.record(tree[0], "nb", done)
    assert any(str(po) in e and "fuzzy" in e for e in errors_in(tree))


def test_status_counts_strings_and_pages(tree):
    before = {row.code: row for row in i18n_check.all_status(*tree)}
    (tree[1] / "pl" / "websites.md").unlink()
    edit(tree[1] / "nb" / "topics.md", "## CV", "## CV og søknad")
    rows = {row.code: row for row in i18n_check.all_status(*tree)}
    assert set(rows["pl"].pages_missing) - set(before["pl"].pages_missing) == {
        "websites"
    }
    assert set(rows["pl"].pages_outdated) - set(before["pl"].pages_outdated) == {
        "topics"
    }
    assert rows["nb"].pages_outdated == []
    assert rows["en"].strings_percent == 100
    assert rows["ar"].strings_total == rows["ar"].strings_translated > 100


def record(content, lang, page_id, text, name="01.wav"):
    """Tie a real (eSpeak-made) WAV to one paragraph, as a translator would."""
    from kiosk.library import audio, recordings, speech

    folder = recordings.folder_of(content, lang, page_id)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(speech.speech_wav(audio.speech("en", "Reading")))
    recordings.record_paragraph(content, lang, page_id, text, name)
    return folder / recordings.MANIFEST


def status_of(tree, code):
    return {row.code: row for row in i18n_check.all_status(*tree)}[code]


def test_a_recording_goes_outdated_when_its_translation_changes(tree):
    title = "O czym możesz porozmawiać?"
    manifest = record(tree[1], "pl", "topics", title)
    assert status_of(tree, "pl").recorded_pages == ["topics"]
    edit(tree[1] / "pl" / "topics.md", title, "O czym możemy porozmawiać?")
    row = status_of(tree, "pl")
    assert row.recorded_pages == []
    assert row.recordings_outdated == {"topics": [title]}
    problems = i18n_check.check_all(*tree, STATIC_DIR)
    [warning] = [p for p in problems if p.path == manifest]
    assert not warning.is_error and "recording outdated" in warning.message
    assert warning.line == line_of(manifest, title)


def test_a_recording_goes_outdated_when_the_norwegian_page_changes(tree):
    record(tree[1], "pl", "topics", "O czym możesz porozmawiać?")
    edit(tree[1] / "nb" / "topics.md", "## CV", "## CV og søknad")
    assert list(status_of(tree, "pl").recordings_outdated) == ["topics"]


def test_interface_recordings_follow_the_catalog(tree):
    record(tree[1], "ti", "interface", "ትግርኛ")
    assert status_of(tree, "ti").recorded_pages == ["interface"]
    assert status_of(tree, "ti").voice == ""
    edit(tree[0] / "ti" / "language.toml", 'name = "ትግርኛ"', 'name = "ትግሪኛ"')
    assert list(status_of(tree, "ti").recordings_outdated) == ["interface"]


def test_a_broken_recording_file_is_an_error_with_its_line(tree):
    manifest = record(tree[1], "nb", "home", "Hei")
    manifest.write_text('[[paragraphs]]\ntext = "Hei"\nfile = "01.wav"\nstart = "x"\n')
    errors = errors_in(tree)
    assert any(e.startswith(f"{manifest}:") and "seconds" in e for e in errors)


def test_the_staff_pages_check_again_only_when_a_file_changed(tree):
    first = i18n_check.remembered(i18n_check.check_all, *tree, STATIC_DIR)
    assert i18n_check.remembered(i18n_check.check_all, *tree, STATIC_DIR) is first
    edit(tree[1] / "pl" / "topics.md", "---\n", "---\nbroken: [\n")
    again = i18n_check.remembered(i18n_check.check_all, *tree, STATIC_DIR)
    assert again is not first
    assert any(p.path == tree[1] / "pl" / "topics.md" for p in again if p.is_error)


def test_interface_texts_are_the_catalog_strings_and_the_language_name():
    served, _problems = load_languages(TRANSLATIONS_DIR)
    english = "Your place in the queue: %(position)s"
    en = i18n_check.interface_texts(served["en"], TRANSLATIONS_DIR)
    assert english in en and served["en"].name in en
    nb = i18n_check.interface_texts(served["nb"], TRANSLATIONS_DIR)
    assert "Din plass i køen: %(position)s" in nb and served["nb"].name in nb
    assert english not in nb and None not in nb
    status = i18n_check.language_status(served["nb"], TRANSLATIONS_DIR, CONTENT_DIR)
    assert (status.code, status.name) == ("nb", served["nb"].name)
    unknown = Language("xx", "Ny  språk ", "New", "ltr", ())
    assert i18n_check.interface_texts(unknown, TRANSLATIONS_DIR) == {"Ny språk"}


def test_a_language_or_recording_problem_keeps_its_file_line_and_message():
    text = "/srv/a:b/pl/audio/manifest.toml:7: paragraph 2: bad file name"
    assert i18n_check._language_problem(text) == i18n_check.Problem(
        Path("/srv/a:b/pl/audio/manifest.toml"), 7, "paragraph 2: bad file name"
    )
    no_line = i18n_check._language_problem("translations/xx:first: name is missing")
    assert (no_line.line, no_line.message) == (1, "name is missing")


def language_status(tree, code):
    served, _problems = load_languages(tree[0])
    return i18n_check.language_status(served[code], *tree)


def test_a_language_is_reviewed_when_every_page_and_catalog_is(tree):
    source = language_status(tree, "nb")
    assert (source.review, set(source.page_states.values())) == ("source", {"source"})
    before = language_status(tree, "nn")
    assert (before.name, before.review) == ("Norsk nynorsk", "draft")
    assert before.catalog_states == {"messages": "draft"}
    on = date(2026, 12, 5)
    for page_id in before.page_states:
        done = review.review_of_page(tree[1], "nn", page_id, "Kari", on)
        review.record(tree[0], "nn", done)
    assert language_status(tree, "nn").review == "draft"  # the catalog is not yet
    po = tree[0] / "nn" / "LC_MESSAGES" / "messages.po"
    review.record(tree[0], "nn", review.review_of_catalog(po, "catalog", "Kari", on))
    after = language_status(tree, "nn")
    assert after.catalog_states == {"messages": "reviewed"}
    assert after.review == "reviewed"


def test_fuzzy_empty_and_unreadable_catalogs_count_as_missing_strings(tree):
    template = {m.id for m in i18n_check._read_catalog(tree[0] / "messages.pot")}
    template.discard("")
    po = tree[0] / "pl" / "LC_MESSAGES" / "messages.po"
    msgid = 'msgid "Your place in the queue: %(position)s"'
    edit(po, msgid, f"#, fuzzy\n{msgid}")
    status = language_status(tree, "pl")
    assert (status.strings_total, status.strings_fuzzy) == (len(template), 1)
    assert status.strings_translated == len(template) - 1
    assert status.strings_missing == ["Your place in the queue: %(position)s"]
    po.write_text("not a catalog\n", encoding="utf-8")
    status = language_status(tree, "pl")
    assert (status.strings_translated, status.strings_fuzzy) == (0, 0)
    assert status.strings_missing == sorted(str(i) for i in template)
    po.unlink()
    assert language_status(tree, "pl").strings_missing == sorted(
        str(i) for i in template
    )


def test_a_problem_reads_as_file_line_and_message_warnings_marked():
    path = Path("translations/pl/LC_MESSAGES/messages.po")
    assert str(i18n_check.Problem(path, 3, "syntax")) == f"{path}:3: syntax"
    warning = i18n_check.Problem(path, 4, "2 string(s) empty", is_error=False)
    assert str(warning) == f"{path}:4: warning: 2 string(s) empty"


def test_page_states_count_present_and_missing_pages(tree):
    before = language_status(tree, "pl")
    assert before.pages_present == before.pages_total == len(before.page_states)
    (tree[1] / "pl" / "websites.md").unlink()
    (tree[1] / "pl" / "topics.md").unlink()
    after = language_status(tree, "pl")
    assert after.pages_total == before.pages_total
    assert after.pages_present == before.pages_total - 2
    assert after.page_states["websites"] == after.page_states["topics"] == "missing"
    assert set(after.page_states) == set(before.page_states)
    source = language_status(tree, "nb")
    assert len(source.page_states) == source.pages_present == source.pages_total


def test_catalog_states_per_domain_and_unreadable_is_outdated(tree):
    assert language_status(tree, "nb").catalog_states == {
        "messages": "draft",
        "staff": "draft",
    }
    assert language_status(tree, "en").catalog_states == {}
    po = tree[0] / "pl" / "LC_MESSAGES" / "messages.po"
    msgid = 'msgid "Your place in the queue: %(position)s"'
    edit(po, msgid, f"#, fuzzy\n{msgid}")
    assert language_status(tree, "pl").catalog_states == {"messages": "outdated"}
    po.write_text("not a catalog\n", encoding="utf-8")
    assert language_status(tree, "pl").catalog_states == {"messages": "outdated"}


def test_remembered_answers_again_when_a_file_goes_or_for_another_function(
    tmp_path,
):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(name)
    calls = []

    def count(folder, _absent):
        calls.append("count")
        return len(list(folder.iterdir()))

    def names(folder, _absent):
        calls.append("names")
        return sorted(path.name for path in folder.iterdir())

    assert i18n_check.remembered(count, tmp_path, None) == 2
    assert i18n_check.remembered(count, tmp_path, None) == 2
    assert i18n_check.remembered(names, tmp_path, None) == ["a.txt", "b.txt"]
    assert calls == ["count", "names"]
    newest = max(path.stat().st_mtime_ns for path in tmp_path.iterdir())
    (tmp_path / "a.txt").unlink()
    os.utime(tmp_path / "b.txt", ns=(newest, newest))  # the newest change stays
    assert i18n_check.remembered(count, tmp_path, None) == 1


def test_line_of_a_missing_prefix_is_the_first(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    assert i18n_check._line_of(path, "title:") == 2
    assert i18n_check._line_of(path, "source_version:") == 1


SMALL_CATALOG = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Done"
msgstr "Ferdig"

#, fuzzy
msgid "Open"
msgstr "Åpen"

msgid "Closed"
msgstr ""
"""


def test_a_catalog_names_each_fuzzy_or_empty_string_when_reviewed(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(SMALL_CATALOG, encoding="utf-8")
    open_line, closed_line = line_of(po, 'msgid "Open"'), line_of(po, 'msgid "Closed"')
    template = {"Done", "Open", "Closed", "New"}
    reviewed = i18n_check.check_catalog(po, True, template)
    assert [(p.path, p.line, p.message, p.is_error) for p in reviewed[:2]] == [
        (po, open_line, "fuzzy: 'Open'", True),
        (po, closed_line, "empty: 'Closed'", True),
    ]
    (draft, missing) = i18n_check.check_catalog(po, False, template)
    assert (draft.path, draft.line, draft.is_error) == (po, open_line, False)
    assert draft.message.startswith("2 string(s) empty or fuzzy, first at this line")
    assert (missing.line, missing.is_error) == (1, False)
    assert missing.message.startswith("1 string(s) of the template missing")


Problem = i18n_check.Problem
PLURAL_HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


def _renderer():
    from kiosk.library.markdown import MarkdownRenderer, icon_names

    return MarkdownRenderer(icon_names(STATIC_DIR))


def test_a_babel_check_error_names_the_placeholder_and_the_string(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(
        PLURAL_HEADER + '#, python-format\nmsgid "%(n)s items"\nmsgstr "%(m)s ting"\n',
        encoding="utf-8",
    )
    [problem] = i18n_check.check_catalog(po, True, {"%(n)s items"})
    assert (problem.path, problem.line) == (po, line_of(po, 'msgid "%(n)s items"'))
    assert "placeholder" in problem.message and "'m'" in problem.message
    assert problem.message.endswith(": '%(n)s items'")


def test_a_draft_catalog_says_its_empty_strings_show_in_english(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(SMALL_CATALOG, encoding="utf-8")
    [draft] = i18n_check.check_catalog(po, False, {"Done", "Open", "Closed"})
    assert draft == Problem(
        po,
        line_of(po, 'msgid "Open"'),
        "2 string(s) empty or fuzzy, first at this line "
        "(a draft language shows them in English until translated)",
        is_error=False,
    )


def test_each_plural_form_is_compared_with_its_own_english_form():
    from babel.messages.catalog import Message

    path = Path("messages.po")
    ids = ("One file", "{count} files")
    good = Message(ids, ("Én fil", "{count} filer"), lineno=5)
    assert i18n_check._toolkit_problems(path, good) == []
    empty_first = Message(ids, ("", "{antall} filer"), lineno=5)  # the next form
    assert i18n_check._toolkit_problems(path, empty_first) == [
        Problem(path, 5, "{placeholders} differ from the English: 'One file'")
    ]


def test_a_plural_with_one_empty_form_is_not_translated():
    from babel.messages.catalog import Message

    ids = ("File", "Files")
    assert i18n_check._is_translated(Message(ids, ("Fil", "Filer")))
    assert not i18n_check._is_translated(Message(ids, ("Fil", "")))
    assert not i18n_check._is_translated(Message(ids, ("", "Filer")))
    assert not i18n_check._is_translated(Message("File", ""))
    assert not i18n_check._is_translated(Message("File", "Fil", flags=["fuzzy"]))


def test_line_problems_name_the_line_of_a_wrong_plural_and_of_a_bad_line():
    path = Path("messages.po")
    lines = [
        'msgid ""',
        'msgstr ""',
        "",
        'msgid "File"',
        'msgid_plural "Files"',
        'msgstr[0] "Fil"',
        "",
        'msgid "Bad"',
        'msgstr "Dårlig',
        "",
        'msgid "Done"',
        'msgstr "Ferdig"',
    ]
    assert i18n_check._line_problems(path, lines, 2) == [
        Problem(path, 5, "1 plural form(s), but the language has 2"),
        Problem(path, 9, "syntax: cannot read 'msgstr \"Dårlig'"),
    ]


def test_a_line_babel_cannot_read_is_a_syntax_error_at_its_line(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(
        PLURAL_HEADER
        + 'msgid "Done"\nmsgstr "Ferdig"\n\nmsgid "Open"\ngarbage\nmsgstr "Åpen"\n',
        encoding="utf-8",
    )
    [problem] = i18n_check.syntax_problems(po)
    assert problem.path == po and problem.is_error
    assert problem.line == line_of(po, "garbage")  # Babel's count starts at 0
    assert problem.message.startswith("syntax: ")


def test_a_catalog_that_cannot_be_opened_is_reported_at_its_first_line(tmp_path):
    po = tmp_path / "messages.po"
    po.mkdir()  # a folder where the file should be
    [problem] = i18n_check.syntax_problems(po)
    assert (problem.path, problem.line, problem.is_error) == (po, 1, True)
    assert problem.message.startswith("cannot be read: ")


def test_a_catalog_with_one_unreadable_line_counts_as_unreadable(tree):
    po = tree[0] / "nb" / "LC_MESSAGES" / "messages.po"
    edit(po, 'msgid "Something went wrong"', 'garbage\nmsgid "Something went wrong"')
    status = language_status(tree, "nb")
    assert status.catalog_states == {"messages": "outdated", "staff": "draft"}
    assert status.strings_translated == 0


def _catalog_states(translations, code):
    status = i18n_check.LanguageStatus(code, code, "draft")
    i18n_check._catalog_states(status, translations)
    return status.catalog_states


def test_the_staff_catalog_is_looked_at_without_a_readable_messages_catalog(tree):
    po = tree[0] / "nb" / "LC_MESSAGES" / "messages.po"
    assert _catalog_states(tree[0], "nb") == {"messages": "draft", "staff": "draft"}
    po.write_text("not a catalog\n", encoding="utf-8")
    assert _catalog_states(tree[0], "nb") == {"messages": "outdated", "staff": "draft"}
    po.unlink()
    assert _catalog_states(tree[0], "nb") == {"staff": "draft"}


ENGLISH_CATALOG = PLURAL_HEADER + (
    'msgid "Your place in the queue: %(position)s"\n'
    'msgstr "Your place on the waiting list: %(position)s"\n'
)


def test_an_english_catalog_counts_for_neither_states_nor_terms(tree):
    folder = tree[0] / "en" / "LC_MESSAGES"
    folder.mkdir()
    (folder / "messages.po").write_text(ENGLISH_CATALOG, encoding="utf-8")
    assert _catalog_states(tree[0], "en") == {}
    assert i18n_check.term_problems(tree[0], tree[1], "en") == []


def test_the_norwegian_pages_are_not_checked_for_terms(tree):
    page = tree[1] / "nb" / "topics.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSend en forespørsel, ikke en søknad.\n",
        encoding="utf-8",
    )
    assert i18n_check.term_problems(tree[0], tree[1], "nb") == []


def test_term_problems_of_the_terms_file_the_catalog_and_a_page(tree):
    translations, content = tree
    terms_file = translations / "pl" / "terms.toml"
    terms_file.write_text(
        terms_file.read_text(encoding="utf-8") + '\n[extra]\nstems = ["x"]\n',
        encoding="utf-8",
    )
    po = translations / "pl" / "LC_MESSAGES" / "messages.po"
    edit(po, "w kolejce: %(position)s", "na liście oczekujących: %(position)s")
    page, source = content / "pl" / "topics.md", content / "nb" / "topics.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nStå i kø.\n")
    page.write_text(
        page.read_text(encoding="utf-8") + "\nStań na liście oczekujących.\n"
    )
    forbidden = "'liście oczekuj' is not the word for queue here, use 'kolejka'"
    assert sorted(i18n_check.term_problems(translations, content, "pl")) == sorted(
        [
            Problem(
                terms_file, line_of(terms_file, "[extra]"), "extra: term is missing"
            ),
            Problem(
                po,
                line_of(po, 'msgid "Your place in the queue: %(position)s"'),
                f"{forbidden}: 'Your place in the queue: %(position)s'",
            ),
            Problem(page, line_of(page, "Stań na liście"), forbidden),
        ]
    )


def test_pages_in_one_state_keep_their_order():
    status = i18n_check.LanguageStatus("pl", "Polski", "draft")
    status.page_states = {"home": "reviewed", "topics": "draft", "cv": "reviewed"}
    assert status.pages_in("reviewed") == ["home", "cv"]
    assert status.pages_in("draft") == ["topics"]
    assert status.pages_in("outdated") == []


def test_a_broken_review_file_is_reported_with_its_file_line_and_message(tmp_path):
    path = review.review_path(tmp_path, "pl")
    path.parent.mkdir()
    path.write_text('[home]\nby = "Kari"\n\n[topics\n', encoding="utf-8")
    with pytest.raises(review.ReviewFileError) as broken:
        review.load_reviews(tmp_path, "pl")
    assert broken.value.line > 1
    assert i18n_check._reviews_problems(tmp_path, "pl") == [
        Problem(path, broken.value.line, broken.value.message)
    ]
    assert i18n_check._reviews_problems(tmp_path, "nb") == []


def test_an_outdated_page_in_a_folder_names_its_mark_current_command(tree):
    content = tree[1]
    source = content / "nb" / "guides" / "agencies-and-temping.md"
    page = content / "en" / "guides" / "agencies-and-temping.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNy linje.\n")
    assert i18n_check.check_page(page, content, _renderer()) == [
        Problem(
            page,
            line_of(page, "source_version:"),
            f"outdated: {source} changed since this page was translated; "
            "update it, then run kiosk i18n mark-current "
            "en guides/agencies-and-temping",
        )
    ]


def test_a_page_without_source_version_names_its_mark_current_command(tree):
    page = tree[1] / "en" / "topics.md"
    text = page.read_text(encoding="utf-8")
    line = next(t for t in text.splitlines() if t.startswith("source_version:"))
    edit(page, line + "\n", "")
    assert i18n_check.check_page(page, tree[1], _renderer()) == [
        Problem(
            page,
            1,
            "no source_version: after checking the page run "
            "kiosk i18n mark-current en topics",
        )
    ]


def test_a_page_without_a_norwegian_source_is_reported_at_line_1(tree):
    page = tree[1] / "en" / "extra.md"
    shutil.copy(tree[1] / "en" / "topics.md", page)
    assert i18n_check.check_page(page, tree[1], _renderer()) == [
        Problem(page, 1, "no Norwegian source with this name")
    ]


def test_changed_sections_of_a_page_and_of_a_document_are_reported(tree):
    sections = "sections ({.icon-...} lines) differ from the source"
    page = tree[1] / "en" / "topics.md"
    edit(page, "{.icon-wallet}", "{.icon-coins}")
    document = tree[1] / "en" / "guides" / "agencies-and-temping.md"
    edit(document, "{.icon-hammer}\n", "")
    for path in (page, document):
        assert i18n_check.check_page(path, tree[1], _renderer()) == [
            Problem(path, 1, sections)
        ]


def test_a_top_level_page_is_read_as_a_guidance_page(tree):
    page = tree[1] / "en" / "topics.md"
    edit(page, "nav: Topics\n", "")
    assert i18n_check.check_page(page, tree[1], _renderer()) == [
        Problem(page, 1, "missing field(s): nav")
    ]


def test_check_all_compares_each_catalog_with_its_own_template(tree):
    staff = tree[0] / "nb" / "LC_MESSAGES" / "staff.po"
    edit(
        staff, '#: kiosk/auth.py:17\nmsgid "Please log in."\nmsgstr "Logg inn."\n\n', ""
    )
    problems = i18n_check.check_all(*tree, STATIC_DIR)
    missing = [p for p in problems if "of the template missing" in p.message]
    assert missing == [
        Problem(
            staff,
            1,
            "1 string(s) of the template missing: run kiosk i18n update",
            is_error=False,
        )
    ]


def test_check_all_reports_a_broken_language_file(tree):
    path = tree[0] / "pl" / "language.toml"
    path.write_text('name = "Polski"\ndirection = [\n', encoding="utf-8")
    errors = [p for p in i18n_check.check_all(*tree, STATIC_DIR) if p.is_error]
    assert any(p.path == path and p.line >= 1 for p in errors)


def test_check_all_reports_an_outdated_interface_recording(tree):
    manifest = record(tree[1], "ti", "interface", "ትግርኛ")
    edit(tree[0] / "ti" / "language.toml", 'name = "ትግርኛ"', 'name = "ትግሪኛ"')
    problems = i18n_check.check_all(*tree, STATIC_DIR)
    assert [p for p in problems if p.path == manifest] == [
        Problem(
            manifest,
            line_of(manifest, "ትግርኛ"),
            "recording outdated, its text changed: 'ትግርኛ'",
            is_error=False,
        )
    ]


def test_check_all_reports_a_missing_file_of_an_uploaded_recording(tree, tmp_path):
    uploads = tmp_path / "uploads"
    manifest = record(uploads, "pl", "topics", "O czym możesz porozmawiać?")
    (manifest.parent / "01.wav").unlink()
    problems = i18n_check.check_all(*tree, STATIC_DIR, uploads)
    assert [p for p in problems if p.path == manifest] == [
        Problem(manifest, 1, "recording file missing: 01.wav", is_error=False)
    ]


def test_all_status_reads_the_recordings_in_the_upload_folder(tree, tmp_path):
    uploads = tmp_path / "uploads"
    record(uploads, "pl", "topics", "O czym możesz porozmawiać?")
    assert status_of(tree, "pl").recorded_pages == []
    rows = {row.code: row for row in i18n_check.all_status(*tree, uploads)}
    assert rows["pl"].recorded_pages == ["topics"]


def test_a_catalog_unreadable_from_its_first_line_is_reported_at_line_1(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text("not a catalog\n", encoding="utf-8")
    [problem] = i18n_check.syntax_problems(po)
    assert (problem.path, problem.line) == (po, 1)
    assert problem.message.startswith("syntax: ")
