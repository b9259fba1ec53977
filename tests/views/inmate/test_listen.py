"""Read aloud in the kiosk's pages: audio URLs in the HTML, a player only with audio.

Most tests give every paragraph the plan lists an audio file (empty: what a page
shows depends only on which files exist), then read the pages as served. Real
audio is rendered only where its content matters.
"""

import re
import shutil
from html.parser import HTMLParser

import pytest

from kiosk import create_kiosk_app, session_requests
from kiosk.config import CONTENT_DIR
from kiosk.headers import CONTENT_SECURITY_POLICY
from kiosk.i18n.page_language import chain_of
from kiosk.labels import STATUS_EXPLANATIONS
from kiosk.library import audio, speech
from kiosk.library.audio import INTERFACE, Paragraph
from kiosk.library.recordings import normalise, record_paragraph
from kiosk.views.inmate import listen
from tests.http_client import code_on_page
from tests.served import LANGUAGES

VOICED = [code for code, language in LANGUAGES.items() if language.voice]
UNVOICED = [code for code, language in LANGUAGES.items() if not language.voice]
VOID = {"br", "img", "input", "meta", "link", "hr", "source"}


class AudioMarks(HTMLParser):
    """The text of every element that carries ``data-audio``, and its URL.

    A glossary word's explanation (a closed popover) is not part of the text.
    """

    def __init__(self, page: str):
        super().__init__()
        self.stack: list[list] = []
        self.marks: list[tuple[str, str]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            found = dict(attrs)
            self.stack.append([tag, found.get("data-audio"), [], "popover" in found])

    def handle_endtag(self, tag):
        while self.stack:
            name, url, parts, _hidden = self.stack.pop()
            text = "".join(parts)
            if self.stack:
                self.stack[-1][2].append(text)
            if url:
                self.marks.append((normalise(text), url))
            if name == tag:
                break

    def handle_data(self, data):
        if self.stack and not any(hidden for *_, hidden in self.stack):
            self.stack[-1][2].append(data)


def marked(page: str) -> dict[str, str]:
    """Return the URL of the audio of each text the page reads aloud."""
    return dict(AudioMarks(page).marks)


def ready_audio(app, langs: list[str], planned=None) -> list[Paragraph]:
    """Give every paragraph the plan reads in ``langs`` an (empty) audio file."""
    library = app.extensions["kiosk.audio"]
    planned = listen.plan(app, langs) if planned is None else planned
    missing = library.missing(planned)
    library.audio_dir.mkdir(parents=True, exist_ok=True)
    for source in missing:
        (library.audio_dir / source.name).touch()
    library.add(source.name for source in missing)
    return planned


def texts(html: str) -> list[str]:
    return [text for _end, text in audio.blocks(html)]


def assert_reads(client, address: str, expected: list[str]) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    page = response.get_data(as_text=True)
    found = marked(page)
    unread = [text for text in map(normalise, expected) if text not in found]
    assert unread == [], address
    assert "data-read-aloud " in page, address
    return page


@pytest.mark.parametrize("lang", VOICED)
def test_every_paragraph_of_every_page_is_read_in_every_voiced_language(app, lang):
    planned = ready_audio(app, [lang])
    client = app.test_client()
    pages = app.extensions["kiosk.guidance_pages"]
    library = app.extensions["kiosk.career_library"]
    chain = chain_of(LANGUAGES, lang)
    for slug in pages.slugs():
        page = pages.find(slug, chain).page
        address = f"/{lang}/" if slug == "home" else f"/{lang}/{slug}"
        assert_reads(client, address, [page.title, *texts(page.html)])
    for document in library.documents.values():
        text, body = document.text(chain), document.body(chain)
        address = f"/{lang}/library/{document.kind}/{document.slug}"
        assert_reads(client, address, [text.title, text.summary, *texts(body.html)])
    words = app.extensions["kiosk.glossary"].entries(chain)
    assert_reads(
        client,
        f"/{lang}/glossary",
        [text for term in words for text in (term.term, term.explanation)],
    )
    for address in (f"/{lang}/request", f"/{lang}/status"):
        page = client.get(address).get_data(as_text=True)
        hints = re.findall(r'<p class="hint"[^>]*>', page)
        assert hints and all("data-audio" in hint for hint in hints), address
        assert re.search(r"<h1 data-audio=", page), address
    names = {
        name
        for p in planned
        if (name := app.extensions["kiosk.audio"].rendered_name(p))
    }
    assert names  # and every URL a page shows is one of the plan's files:
    for address in (f"/{lang}/", f"/{lang}/library/guides/cv"):
        urls = marked(client.get(address).get_data(as_text=True)).values()
        assert {url.rsplit("/", 1)[1] for url in urls} <= names


@pytest.mark.parametrize("lang", UNVOICED)
def test_a_language_without_voice_or_recording_has_no_button(app, lang):
    ready_audio(app, [lang])  # its English fallback text has audio, its own none
    client = app.test_client()
    for address in (f"/{lang}/", f"/{lang}/topics", f"/{lang}/request"):
        page = client.get(address).get_data(as_text=True)
        assert "data-read-aloud " not in page, address
    page = client.get(f"/{lang}/library/occupations/baker").get_data(as_text=True)
    assert "data-read-aloud " not in page
    start = client.get("/").get_data(as_text=True)
    tile = start.split(f'href="/{lang}/"', 1)[1].split("</li>", 1)[0]
    assert "data-read-aloud-tile" not in tile


def test_without_audio_a_page_has_neither_marks_nor_button(client):
    page = client.get("/nb/").get_data(as_text=True)
    assert "data-audio" not in page
    assert "data-read-aloud " not in page


@pytest.fixture
def content(tmp_path):
    """A copy of the committed content, to record pages in."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def test_a_recording_gives_tigrinya_its_button(settings, database, content):
    page = (content / "ti" / "topics.md").read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", page, re.M).group(1)  # the Tigrinya title
    folder = content / "ti" / "audio" / "topics"
    folder.mkdir(parents=True)
    (folder / "01.wav").write_bytes(speech.speech_wav(audio.speech("en", "A reader")))
    record_paragraph(content, "ti", "topics", title, "01.wav")
    app = create_kiosk_app({**settings, "CONTENT_DIR": content})
    library = app.extensions["kiosk.audio"]
    [part] = library.missing([Paragraph("ti", title, "topics")])
    library.add([speech.render(part, library.audio_dir)])
    page = app.test_client().get("/ti/topics").get_data(as_text=True)
    assert marked(page) == {title: f"/audio/{part.name}"}
    assert "data-read-aloud " in page


def test_audio_files_are_served_immutable_with_ranges(app):
    library = app.extensions["kiosk.audio"]
    name = speech.render(audio.speech("nb", "Hei, og velkommen."), library.audio_dir)
    client = app.test_client()
    response = client.get(f"/audio/{name}")
    assert response.status_code == 200
    assert response.mimetype == "audio/ogg"
    assert response.cache_control.immutable
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    response.close()
    part = client.get(f"/audio/{name}", headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.data) == 100
    part.close()


@pytest.mark.parametrize(
    "name", ["x.opus", "..%2Fkiosk.sqlite3", "0123456789abcdef.wav"]
)
def test_only_rendered_audio_names_are_served(client, name):
    assert client.get(f"/audio/{name}").status_code == 404


def test_the_policy_allows_media_from_the_kiosk_only():
    assert "media-src 'self'" in CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in CONTENT_SECURITY_POLICY


def test_the_player_is_hidden_until_its_script_runs_and_speaks_the_page_language(app):
    ready_audio(app, ["pl"])
    page = app.test_client().get("/pl/topics").get_data(as_text=True)
    player = page.split('<section class="read-aloud"', 1)[1].split("</section>", 1)[0]
    assert " hidden " in player
    assert "Posłuchaj" in player and "Wolniej" in player
    assert 'data-text-part="Część {number} z {total}"' in player
    assert "<script" not in player


def test_cached_pages_carry_their_audio_and_empty_when_audio_arrives(app):
    client = app.test_client()
    assert "data-audio" not in client.get("/nb/topics").get_data(as_text=True)
    ready_audio(app, ["nb"])
    first = client.get("/nb/topics").get_data(as_text=True)
    assert "data-audio" in first
    assert client.get("/nb/topics").get_data(as_text=True) == first


def test_start_tiles_say_their_language_where_it_has_a_voice(app):
    ready_audio(app, [], listen.paragraphs_at(app, "/"))
    page = app.test_client().get("/").get_data(as_text=True)
    tiles = page.split('<li class="language-tile">')[1:]
    by_code = {re.search(r'href="/(\w+)/"', tile).group(1): tile for tile in tiles}
    for code, tile in by_code.items():
        has_button = "data-read-aloud-tile" in tile
        assert has_button == (code in VOICED), code
    polish = marked(by_code["pl"])
    assert set(polish) == {"Polski", "Wybierz język"}
    assert "data-read-aloud " not in page  # the tiles have buttons, not the page


def status_of(client, db_session, status: str) -> str:
    form = {
        "name": "Kari Nordmann",
        "unit": "Avdeling B",
        "topics": ["cv"],
        "session_format": "one-to-one",
        "conversation_language": "nb",
    }
    sent = client.post("/nb/request", data=form, follow_redirects=True)
    code = code_on_page(sent.get_data(as_text=True))  # never in the URL
    stored = session_requests.find_by_code(db_session, code)
    stored.status = status
    stored.place = "Skolen, rom 2"
    db_session.commit()
    return code


@pytest.mark.parametrize("status", sorted(STATUS_EXPLANATIONS))
def test_the_status_answer_is_read_but_never_personal_data(app, db_session, status):
    ready_audio(app, ["nb"])
    client = app.test_client()
    code = status_of(client, db_session, status)
    page = client.post("/nb/status", data={"code": code}).get_data(as_text=True)
    reads = marked(page)
    assert "Status:" in reads
    with app.test_request_context("/nb/status"):
        app.preprocess_request()
        explanation = str(STATUS_EXPLANATIONS[status])
    assert normalise(explanation) in reads
    assert not any("Skolen" in text or code in text for text in reads)
    assert not any(code in url for url in reads.values())


def test_the_request_form_reads_its_help(app):
    ready_audio(app, ["nb"])
    page = app.test_client().get("/nb/request").get_data(as_text=True)
    reads = marked(page)
    assert "Bare veilederne ser navnet ditt." in reads
    assert "Be om en samtale" in reads
    assert "data-read-aloud " in page


def test_interface_paragraphs_are_planned_once_per_language(app):
    planned = listen.plan(app, ["nb", "pl"])
    interface = [p for p in planned if p.page_id == INTERFACE]
    assert len(interface) == len(set(interface))
    assert {p.lang for p in interface} == {"nb", "pl"}
