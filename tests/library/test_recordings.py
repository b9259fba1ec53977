"""Recordings beside the content: tied to their text, outdated when it changes."""

import shutil

import pytest

from kiosk.config import CONTENT_DIR, STATIC_DIR
from kiosk.library import audio, recordings, speech
from kiosk.library.audio import INTERFACE, Paragraph
from kiosk.library.markdown import MarkdownRenderer, icon_names, mark_current
from kiosk.library.recordings import (
    RecordingError,
    Recordings,
    content_paragraphs,
    read_recording,
    record_paragraph,
    record_whole_page,
)

RENDERER = MarkdownRenderer(icon_names(STATIC_DIR))


@pytest.fixture
def content(tmp_path):
    """The committed guidance pages in nb, pl and ti, safe to edit."""
    content = tmp_path / "content"
    for lang in ("nb", "pl", "ti"):
        (content / lang).mkdir(parents=True)
        for page in ("topics", "home"):
            shutil.copy(CONTENT_DIR / lang / f"{page}.md", content / lang)
    return content


def wav(text: str = "Hei") -> bytes:
    """A real WAV file: eSpeak NG stands in for a person reading."""
    return speech.speech_wav(audio.speech("nb", text))


def put(content, lang, page_id, name, data=None):
    folder = recordings.folder_of(content, lang, page_id)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data or wav())
    return folder


def test_a_recording_reads_the_paragraph_with_its_text(content):
    title = content_paragraphs(content, "pl", "topics", RENDERER)[0]
    put(content, "pl", "topics", "01.wav")
    record_paragraph(content, "pl", "topics", title, "01.wav")
    found = Recordings(content)
    part = found.part_for(Paragraph("pl", title, "topics"))
    assert part is not None and part.path.name == "01.wav"
    assert found.part_for(Paragraph("pl", title + "!", "topics")) is None
    assert found.part_for(Paragraph("ti", title, "topics")) is None


def test_an_outdated_translation_silences_its_recording(content):
    title = content_paragraphs(content, "pl", "topics", RENDERER)[0]
    put(content, "pl", "topics", "01.wav")
    record_paragraph(content, "pl", "topics", title, "01.wav")
    source = content / "nb" / "topics.md"
    source.write_text(source.read_text() + "\nEn ny setning.\n", encoding="utf-8")
    assert Recordings(content).part_for(Paragraph("pl", title, "topics")) is None
    mark_current(content, "pl", "topics")  # the translator checked it: still right
    assert Recordings(content).part_for(Paragraph("pl", title, "topics")) is not None


def test_norwegian_recordings_follow_their_own_text_only(content):
    first, second = content_paragraphs(content, "nb", "topics", RENDERER)[:2]
    put(content, "nb", "topics", "01.wav")
    put(content, "nb", "topics", "02.wav", wav("To"))
    record_paragraph(content, "nb", "topics", first, "01.wav")
    record_paragraph(content, "nb", "topics", second, "02.wav")
    source = content / "nb" / "topics.md"
    source.write_text(source.read_text().replace(second, "Noe annet."), "utf-8")
    texts = set(content_paragraphs(content, "nb", "topics", RENDERER))
    [state] = recordings.states(Recordings(content), "nb", lambda _page: texts)
    assert state.current == [first] and state.outdated == [second]


def test_one_file_for_the_whole_page_is_cut_at_the_start_times(content):
    texts = content_paragraphs(content, "ti", "home", RENDERER)[:3]
    put(content, "ti", "home", "page.opus")
    record_whole_page(content, "ti", "home", texts, "page.opus", [0, 2.5, 4])
    recording = read_recording(content, content / "ti/audio/home/recording.toml")
    assert [(p.start, p.end) for p in recording.paragraphs] == [
        (0, 2.5),
        (2.5, 4),
        (4, None),
    ]
    parts = [recording.part(text) for text in texts]
    assert len({part.name for part in parts}) == 3


def test_start_times_must_match_and_grow(content):
    texts = content_paragraphs(content, "ti", "home", RENDERER)[:2]
    with pytest.raises(RecordingError, match="2 paragraph"):
        record_whole_page(content, "ti", "home", texts, "page.opus", [0])
    with pytest.raises(RecordingError, match="grow"):
        record_whole_page(content, "ti", "home", texts, "page.opus", [3, 1])


def test_a_broken_manifest_is_reported_with_file_and_line(content):
    folder = put(content, "pl", "home", "01.wav")
    manifest = folder / recordings.MANIFEST
    manifest.write_text('[[paragraphs]]\ntext = "Hei"\nfile = "../../x.wav"\n')
    assert "bad file name" in Recordings(content).problems[0]
    manifest.write_text('[[paragraphs]]\ntext = "Hei\n')
    [problem] = Recordings(content).problems
    assert problem.startswith(f"{manifest}:2:")


def test_texts_with_quotes_and_new_lines_survive_the_manifest(content):
    put(content, "nb", "home", "01.wav")
    text = 'Han sa "hei" \\ og gikk'
    record_paragraph(content, "nb", "home", text, "01.wav")
    recording = Recordings(content).get("nb", "home")
    assert recording.paragraphs[0].text == text


def test_a_re_recorded_upload_replaces_the_old_file(content):
    put(content, "nb", "home", "upload-1.opus")
    record_paragraph(content, "nb", "home", "Hei", "upload-1.opus")
    put(content, "nb", "home", "upload-2.opus")
    put(content, "nb", "home", "upload-3.opus")  # another paragraph, on its way
    record_paragraph(content, "nb", "home", "Hei", "upload-2.opus")
    folder = recordings.folder_of(content, "nb", "home")
    assert sorted(p.name for p in folder.iterdir()) == [
        "recording.toml",
        "upload-2.opus",
        "upload-3.opus",
    ]


def test_interface_recordings_need_only_their_text(content):
    put(content, "ti", INTERFACE, "01.wav")
    record_paragraph(content, "ti", INTERFACE, "ትግርኛ", "01.wav")
    assert Recordings(content).part_for(Paragraph("ti", "ትግርኛ", INTERFACE))


@pytest.mark.parametrize(
    ("written", "seconds"), [("0", 0.0), ("4.5", 4.5), ("1:02.5", 62.5)]
)
def test_start_times_read_as_seconds_or_minutes(written, seconds):
    assert recordings.parse_seconds(written) == seconds


def test_a_page_outside_the_content_is_refused(content):
    with pytest.raises(RecordingError):
        recordings.folder_of(content, "nb", "../../etc")
