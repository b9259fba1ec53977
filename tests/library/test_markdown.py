"""The Markdown renderer's kept renderings: a restart renders nothing it rendered."""

import hashlib
import json
import logging
import os
import stat

import pytest

from kiosk import RENDERED_FILE, _career_library
from kiosk.config import CONTENT_DIR, STATIC_DIR
from kiosk.library.markdown import MarkdownRenderer, icon_names, rendering_version

ICONS = icon_names(STATIC_DIR)
TEXTS = ["## Arbeid\n\nEn *kort* tekst.", "- en\n- to\n", "{.icon-compass}\n## Kurs\n"]


def never(_text):
    raise AssertionError("rendered again")


def test_a_second_start_takes_each_rendering_from_the_kept_file(tmp_path):
    kept = tmp_path / "rendered.json"
    first = MarkdownRenderer(ICONS, kept)
    html = [first.render(text) for text in TEXTS]
    assert html == [MarkdownRenderer(ICONS).render(text) for text in TEXTS]
    assert not kept.exists()  # written by save, once the library is loaded
    first.save()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    second = MarkdownRenderer(ICONS, kept)
    second._render = never
    assert [second.render(text) for text in TEXTS] == html
    with pytest.raises(AssertionError, match="rendered again"):
        second.render("## Ny tekst")


def test_only_this_runs_renderings_are_kept_and_an_unchanged_file_is_not_written(
    tmp_path,
):
    kept = tmp_path / "rendered.json"
    first = MarkdownRenderer(ICONS, kept)
    for text in TEXTS:
        first.render(text)
    first.save()
    second = MarkdownRenderer(ICONS, kept)
    for text in TEXTS:
        second.render(text)
    os.utime(kept, (0, 0))
    second.save()  # the same renderings: the file stays as it was
    assert kept.stat().st_mtime == 0
    third = MarkdownRenderer(ICONS, kept)
    third.render(TEXTS[0])  # the other texts changed since, or went
    third.save()
    saved = json.loads(kept.read_text(encoding="utf-8"))
    assert saved["version"] == rendering_version(ICONS)
    assert list(saved["html"].values()) == [third.render(TEXTS[0])]


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        '{"version": "another", "html": {"KEY": "<p>old</p>"}}',
        '{"version": "VERSION", "html": ["KEY", "<p>old</p>"]}',
        '{"version": "VERSION", "html": {"KEY": 1}}',
    ],
)
def test_a_kept_file_of_another_version_or_broken_is_rendered_anew(tmp_path, content):
    kept = tmp_path / "rendered.json"
    key = hashlib.sha256(TEXTS[0].encode()).hexdigest()
    version = rendering_version(ICONS)
    kept.write_text(
        content.replace("KEY", key).replace("VERSION", version), encoding="utf-8"
    )
    renderer = MarkdownRenderer(ICONS, kept)
    assert renderer.render(TEXTS[0]) == MarkdownRenderer(ICONS).render(TEXTS[0])
    renderer.save()
    assert json.loads(kept.read_text(encoding="utf-8"))["html"] == {
        key: renderer.render(TEXTS[0])
    }


def test_what_a_rendering_depends_on_makes_another_version(tmp_path):
    kept = tmp_path / "rendered.json"
    first = MarkdownRenderer(ICONS, kept)
    first.render(TEXTS[2])
    first.save()
    fewer = ICONS - {"compass"}  # the icon class is dropped without its icon
    assert rendering_version(fewer) != rendering_version(ICONS)
    other = MarkdownRenderer(fewer, kept)
    assert "icon-compass" not in other.render(TEXTS[2])


def test_a_kept_file_that_cannot_be_written_is_logged_not_fatal(tmp_path, caplog):
    renderer = MarkdownRenderer(ICONS, tmp_path / "missing" / "rendered.json")
    renderer.render(TEXTS[0])
    with caplog.at_level(logging.WARNING):
        renderer.save()
    assert "not kept for the next start" in caplog.text


def test_the_library_keeps_its_renderings_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setattr("kiosk._career_libraries", {})  # as in a new process
    library = _career_library(CONTENT_DIR, STATIC_DIR, tmp_path)
    saved = json.loads((tmp_path / RENDERED_FILE).read_text(encoding="utf-8"))
    documents = [text for d in library.documents.values() for text in d.texts.values()]
    assert set(saved["html"].values()) == {text.html for text in documents}
    assert _career_library(CONTENT_DIR, STATIC_DIR, tmp_path / "other") is library


def test_a_write_cut_short_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise OSError("No space left on device")

    renderer = MarkdownRenderer(ICONS, tmp_path / "rendered.json")
    renderer.render(TEXTS[0])
    monkeypatch.setattr("kiosk.library.markdown.json.dump", full_disk)
    renderer.save()
    assert list(tmp_path.iterdir()) == []
