"""Read aloud: paragraphs of a page, audio named by what it reads, what is missing."""

import pytest

from kiosk.config import STATIC_DIR
from kiosk.library import audio, speech
from kiosk.library.audio import INTERFACE, AudioLibrary, Paragraph
from kiosk.library.markdown import MarkdownRenderer, icon_names
from kiosk.library.recordings import Recordings, record_paragraph
from kiosk.page_cache import PageCache

RENDERER = MarkdownRenderer(icon_names(STATIC_DIR))
PAGE = """\
Karriereveiledning er samtaler om **utdanning** og arbeid.
Her ser du hva den kan gjøre.

{.icon-lightbulb}
## Tenk over hva du vil

- Hva er du god på?
- Hva ønsker du?
"""


def texts(html: str) -> list[str]:
    return [text for _end, text in audio.blocks(html)]


def test_headings_paragraphs_and_list_items_are_paragraphs():
    assert texts(RENDERER.render(PAGE)) == [
        "Karriereveiledning er samtaler om utdanning og arbeid. "
        "Her ser du hva den kan gjøre.",
        "Tenk over hva du vil",
        "Hva er du god på?",
        "Hva ønsker du?",
    ]


def test_a_block_holding_blocks_is_read_as_its_parts():
    html = "<ul><li>Outer<ul><li>Inner</li></ul></li></ul><dl><dt>A</dt><dd>B</dd></dl>"
    assert texts(html) == ["Inner", "A", "B"]


def test_entities_and_line_breaks_read_as_text():
    assert texts("<p>Lønn &amp; kontrakt<br>i dag</p>") == ["Lønn & kontrakt i dag"]


def test_audio_marks_only_paragraphs_that_have_audio():
    html = RENDERER.render(PAGE)
    marked = audio.with_audio(
        html, lambda text: "/audio/x.opus" if "?" in text else None
    )
    assert marked.count('data-audio="/audio/x.opus"') == 2
    assert '<li data-audio="/audio/x.opus">Hva er du god på?</li>' in marked
    assert '<h2 class="icon-lightbulb">' in marked  # no audio, no mark


def test_speech_is_named_by_voice_and_text():
    one = audio.speech("nb", "Hei")
    assert audio.FILE_NAME.match(one.name)
    assert one == audio.speech("nb", "Hei")
    assert one.name != audio.speech("pl", "Hei").name
    assert one.name != audio.speech("nb", "Hei!").name


def test_list_dots_are_read_as_pauses():
    assert audio.speech("nb", "Lærling · Fagbrev").text == "Lærling, Fagbrev"


def library_of(tmp_path, voices=None) -> AudioLibrary:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    voices = {"nb": "nb", "nn": "nb"} if voices is None else voices
    return AudioLibrary(tmp_path / "audio", voices, Recordings(content))


def test_editing_one_paragraph_outdates_only_its_audio(tmp_path):
    library = library_of(tmp_path)
    before = [Paragraph("nb", text, "home") for text in texts(RENDERER.render(PAGE))]
    made, problems = speech.render_all(library.missing(before), library.audio_dir, 2)
    assert problems == [] and len(made) == 4
    library.add(made)
    assert library.missing(before) == []
    edited = PAGE.replace("Hva ønsker du?", "Hva drømmer du om?")
    after = [Paragraph("nb", text, "home") for text in texts(RENDERER.render(edited))]
    missing = library.missing(after)
    assert [source.text for source in missing] == ["Hva drømmer du om?"]
    unchanged = [library.rendered_name(p) for p in after[:3]]
    assert unchanged == [library.rendered_name(p) for p in before[:3]]
    library.add(speech.render_all(missing, library.audio_dir)[0])
    assert library.missing(after) == []
    assert library.rendered_name(after[3]) not in {library.rendered_name(before[3])}


def test_nynorsk_is_read_with_the_bokmal_voice(tmp_path):
    library = library_of(tmp_path)
    [source] = library.sources(Paragraph("nn", "Kva vil du?", "home"))
    assert source.voice == "nb"


def test_a_language_without_voice_has_no_audio_but_a_recording(tmp_path):
    library = library_of(tmp_path)
    paragraph = Paragraph("ti", "ትግርኛ", INTERFACE)
    assert library.sources(paragraph) == []
    assert library.missing([paragraph]) == []


def test_a_recording_overrides_speech_and_goes_outdated_with_its_text(tmp_path):
    content = tmp_path / "content"
    folder = content / "nb" / "audio" / "home"
    folder.mkdir(parents=True)
    (folder / "01.wav").write_bytes(speech.speech_wav(audio.speech("nb", "Hei")))
    record_paragraph(content, "nb", "home", "Tenk over hva du vil", "01.wav")
    library = library_of(tmp_path)
    paragraph = Paragraph("nb", "Tenk over hva du vil", "home")
    recorded, synthesised = library.sources(paragraph)
    assert isinstance(recorded, audio.RecordedPart)
    assert library.missing([paragraph]) == [recorded]
    library.add(speech.render_all([recorded, synthesised], library.audio_dir)[0])
    assert library.rendered_name(paragraph) == recorded.name
    edited = Paragraph("nb", "Tenk over hva du vil gjøre", "home")
    assert [type(s) for s in library.sources(edited)] == [audio.Speech]
    assert library.rendered_name(edited) is None


def test_until_its_recording_is_rendered_a_paragraph_plays_speech(tmp_path):
    content = tmp_path / "content"
    folder = content / "nb" / "audio" / "home"
    folder.mkdir(parents=True)
    (folder / "01.wav").write_bytes(speech.speech_wav(audio.speech("nb", "Hei")))
    record_paragraph(content, "nb", "home", "Hei", "01.wav")
    library = library_of(tmp_path)
    paragraph = Paragraph("nb", "Hei", "home")
    recorded, synthesised = library.sources(paragraph)
    library.add([speech.render(synthesised, library.audio_dir)])
    assert library.rendered_name(paragraph) == synthesised.name


def test_new_audio_empties_the_page_cache(tmp_path):
    library = library_of(tmp_path)
    pages = PageCache()
    library.on_change(pages.clear)
    pages.put("/nb/", "<p>without audio</p>")
    library.add(["0123456789abcdef.opus"])
    assert pages.get("/nb/") is None
    assert library.is_rendered("0123456789abcdef.opus")


def test_a_page_rendered_before_new_audio_is_not_kept(tmp_path):
    pages = PageCache()
    generation = pages.generation
    pages.clear()  # audio arrived while the page was being rendered
    pages.put("/nb/", "<p>without audio</p>", generation)
    assert pages.get("/nb/") is None


def test_prune_deletes_audio_no_page_reads(tmp_path):
    library = library_of(tmp_path)
    kept, dropped = audio.speech("nb", "Ja"), audio.speech("nb", "Nei")
    library.add(speech.render_all([kept, dropped], library.audio_dir)[0])
    assert library.prune({kept.name}) == [dropped.name]
    assert sorted(p.name for p in library.audio_dir.iterdir()) == [kept.name]


@pytest.mark.parametrize(
    "name", ["../secret.opus", "0123.opus", "0123456789abcdeg.opus"]
)
def test_only_hash_names_are_audio_files(name):
    assert not audio.FILE_NAME.match(name)
