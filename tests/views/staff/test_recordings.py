"""Staff upload recordings on the Translations page; the kiosk plays them at once."""

import io
import re
import shutil
import wave

import pytest

from kiosk import create_kiosk_app, create_staff_app
from kiosk.config import CONTENT_DIR
from kiosk.library import audio, speech
from tests.conftest import STAFF_PASSWORD

TOPICS = (CONTENT_DIR / "ti" / "topics.md").read_text(encoding="utf-8")
TITLE = re.search(r"^title: (.+)$", TOPICS, re.M)[1]  # the Tigrinya page's title
PAGE = "/translations/ti/recordings/topics"


@pytest.fixture
def content(tmp_path):
    """A copy of the committed content: uploads are written beside it."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


@pytest.fixture
def apps(settings, database, counsellor, content):
    """The kiosk and the logged-in staff app of one install, as kiosk serve runs."""
    config = {**settings, "CONTENT_DIR": content}
    kiosk, staff = create_kiosk_app(config), create_staff_app(config)
    client = staff.test_client()
    client.post("/login", data={"username": counsellor, "password": STAFF_PASSWORD})
    return kiosk, client


def reading(text: str = "A person reading") -> bytes:
    return speech.speech_wav(audio.speech("en", text))


def upload(client, data: bytes, **fields):
    form = {"recording": (io.BytesIO(data), "take.wav"), **fields}
    return client.post(PAGE, data=form, content_type="multipart/form-data")


def test_an_uploaded_paragraph_is_played_by_the_kiosk_at_once(apps, content):
    kiosk, staff = apps
    before = kiosk.test_client().get("/ti/topics").get_data(as_text=True)
    assert "data-read-aloud " not in before  # Tigrinya has no voice
    response = upload(staff, reading(), paragraph="0")
    assert response.status_code == 303
    folder = content / "ti" / "audio" / "topics"
    manifest = (folder / "recording.toml").read_text(encoding="utf-8")
    assert f'text = "{TITLE}"' in manifest
    after = kiosk.test_client().get("/ti/topics").get_data(as_text=True)
    assert "data-read-aloud " in after
    page = staff.get(PAGE).get_data(as_text=True)
    assert "<audio controls" in page
    source = page.split('<audio controls preload="none" src="', 1)[1].split('"')[0]
    preview = staff.get(source)
    assert preview.status_code == 200 and preview.mimetype == "audio/ogg"
    preview.close()


def test_a_whole_page_in_one_file_is_cut_at_its_start_times(apps, content):
    kiosk, staff = apps
    paragraphs = staff.get(PAGE).get_data(as_text=True).count('name="paragraph"')
    starts = " ".join(str(number * 0.25) for number in range(paragraphs))
    # under 500 KB: a larger body makes the test client spool it to a file
    long_reading = reading("A person reading the whole page. " * 2)
    assert speech.audio_format(long_reading) == ".wav" and len(long_reading) < 500_000
    assert upload(staff, long_reading, starts=starts).status_code == 303
    manifest = (content / "ti/audio/topics/recording.toml").read_text("utf-8")
    assert manifest.count("[[paragraphs]]") == paragraphs
    assert "start = 0.25\nend = 0.5" in manifest
    page = kiosk.test_client().get("/ti/topics").get_data(as_text=True)
    assert page.count("data-audio=") == paragraphs - 1  # its summary: a home card


def test_start_times_must_match_the_paragraphs(apps, content):
    _kiosk, staff = apps
    response = upload(staff, reading(), starts="0 1")
    assert response.status_code == 422
    assert "start time(s)" in response.get_data(as_text=True)
    assert not (content / "ti" / "audio").exists()


def test_what_is_not_audio_is_refused_with_a_message(apps, content):
    _kiosk, staff = apps
    response = upload(staff, b"<script>alert(1)</script>", paragraph="0")
    assert response.status_code == 422
    assert "WAV" in response.get_data(as_text=True)
    assert not (content / "ti" / "audio").exists()


def test_an_upload_keeps_no_metadata_of_who_recorded(apps, content):
    _kiosk, staff = apps
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(16000)
        writer.writeframes(bytes(32000))
    info = b"INFOIART\x0c\x00\x00\x00Kari Nordmann"
    chunk = b"LIST" + len(info).to_bytes(4, "little") + info
    data = out.getvalue() + chunk
    data = data[:4] + (len(data) - 8).to_bytes(4, "little") + data[8:]
    assert upload(staff, data, paragraph="1").status_code == 303
    [kept] = (content / "ti" / "audio" / "topics").glob("upload-*.opus")
    assert b"Kari Nordmann" not in kept.read_bytes()


def test_only_logged_in_staff_may_send_a_large_body(settings, database, content):
    config = {**settings, "CONTENT_DIR": content, "WTF_CSRF_ENABLED": True}
    staff = create_staff_app(config).test_client()
    response = upload(staff, bytes(200_000), paragraph="0")
    assert response.status_code == 413  # the small limit of every other form
    assert not (content / "ti" / "audio").exists()


def test_the_language_page_offers_recording_and_shows_the_gap(apps):
    _kiosk, staff = apps
    page = staff.get("/translations/ti").get_data(as_text=True)
    assert 'name="page_id"' in page and '<option value="topics">' in page
    assert "bare sider som er tatt opp, blir lest opp" in page  # staff read nb
    chosen = staff.get("/translations/record?code=ti&page_id=topics")
    assert chosen.status_code == 303 and chosen.headers["Location"].endswith(PAGE)


def test_an_unknown_page_or_language_is_404(apps):
    _kiosk, staff = apps
    assert staff.get("/translations/xx/recordings/topics").status_code == 404
    assert staff.get("/translations/ti/recordings/nothing-here").status_code == 404
    assert staff.get("/translations/ti/recordings/../../etc").status_code == 404


def test_uploads_may_live_apart_from_the_content(
    settings, database, counsellor, content, tmp_path
):
    from kiosk.config import TRANSLATIONS_DIR
    from kiosk.i18n import check as i18n_check

    uploads = tmp_path / "recordings"  # e.g. when the program folder is read-only
    config = {**settings, "CONTENT_DIR": content, "RECORDINGS_DIR": uploads}
    kiosk, staff = create_kiosk_app(config), create_staff_app(config)
    client = staff.test_client()
    client.post("/login", data={"username": counsellor, "password": STAFF_PASSWORD})
    assert upload(client, reading(), paragraph="0").status_code == 303
    assert (uploads / "ti" / "audio" / "topics" / "recording.toml").exists()
    assert not (content / "ti" / "audio").exists()
    page = kiosk.test_client().get("/ti/topics").get_data(as_text=True)
    assert "data-read-aloud " in page
    rows = i18n_check.all_status(TRANSLATIONS_DIR, content, uploads)
    assert {row.code: row for row in rows}["ti"].recorded_pages == ["topics"]


def test_the_glossary_can_be_recorded_too(apps, content):
    """Se, so and ti have no voice: a person's recording is their glossary's audio."""
    kiosk, staff = apps
    glossary = "/translations/ti/recordings/glossary"
    assert "glossary" in staff.get("/translations/ti").get_data(as_text=True)
    form = staff.get(glossary).get_data(as_text=True)
    assert "BankID" in form  # the first word, then its explanation
    before = kiosk.test_client().get("/ti/glossary").get_data(as_text=True)
    assert "data-read-aloud " not in before
    response = staff.post(
        glossary,
        data={"recording": (io.BytesIO(reading()), "take.wav"), "paragraph": "1"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    after = kiosk.test_client().get("/ti/glossary").get_data(as_text=True)
    assert "data-read-aloud " in after
