"""Rendering audio with eSpeak NG and opusenc: small, clean, cut where asked."""

import io
import subprocess
import wave

import pytest

from kiosk.library import audio, speech
from kiosk.library.audio import RecordedPart
from kiosk.library.recordings import RecordingError

SENTENCES = {
    "nb": "Karriereveiledning hjelper deg å finne utdanning og arbeid som passer.",
    "pl": "Doradztwo zawodowe pomaga ci znaleźć naukę i pracę, która ci pasuje.",
    "ar": "يساعدك الإرشاد المهني على إيجاد التعليم والعمل المناسبين لك.",
}


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_speech_is_ogg_opus_under_250_kb_a_minute(tmp_path, lang):
    name = speech.render(audio.speech(lang, SENTENCES[lang] * 3), tmp_path)
    path = tmp_path / name
    data = path.read_bytes()
    assert data[:4] == b"OggS" and b"OpusHead" in data[:100]
    seconds = speech.duration_seconds(path)
    assert seconds > 5
    assert len(data) / seconds * 60 < 250_000


def test_no_half_written_file_is_left_behind(tmp_path):
    speech.render(audio.speech("nb", "Hei"), tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def tone(seconds: float, rate: int = 16000, metadata: bytes = b"") -> bytes:
    """A WAV of a quiet tone, with an optional LIST/INFO chunk (a recorder's name)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        frames = int(seconds * rate)
        writer.writeframes(bytes((i * 37) % 256 for i in range(frames * 2)))
    data = out.getvalue()
    if metadata:
        chunk = b"LIST" + len(metadata).to_bytes(4, "little") + metadata
        data = (
            data[:4]
            + (len(data) + len(chunk) - 8).to_bytes(4, "little")
            + data[8:]
            + chunk
        )
    return data


def test_a_part_of_a_recording_is_cut_at_its_times(tmp_path):
    source = tmp_path / "page.wav"
    source.write_bytes(tone(6.0))
    part = RecordedPart(audio.file_name("test", "cut"), source, 2.0, 3.5)
    path = tmp_path / "audio" / speech.render(part, tmp_path / "audio")
    assert speech.duration_seconds(path) == pytest.approx(1.5, abs=0.05)


def test_an_opus_recording_can_be_cut_too(tmp_path):
    source = tmp_path / "page.opus"
    speech.store_recording(tone(4.0), source)
    part = RecordedPart(audio.file_name("test", "opus"), source, 1.0, None)
    path = tmp_path / "audio" / speech.render(part, tmp_path / "audio")
    assert speech.duration_seconds(path) == pytest.approx(3.0, abs=0.05)


def test_an_upload_is_kept_without_its_metadata(tmp_path):
    upload = tone(1.0, metadata=b"INFOIART\x0c\x00\x00\x00Kari Nordmann")
    assert b"Kari Nordmann" in upload
    kept = speech.store_recording(upload, tmp_path / "upload.opus")
    data = kept.read_bytes()
    assert b"Kari Nordmann" not in data
    assert speech.duration_seconds(kept) == pytest.approx(1.0, abs=0.05)
    info = subprocess.run(["opusinfo", str(kept)], capture_output=True, text=True)
    assert "Channels: 1" in info.stdout


@pytest.mark.parametrize(
    "data", [b"not audio at all", b"RIFF\x00\x00\x00\x00WAVEbroken", tone(0.05)]
)
def test_what_is_not_a_usable_recording_is_refused(tmp_path, data):
    with pytest.raises(RecordingError):
        speech.store_recording(data, tmp_path / "upload.opus")
    assert not (tmp_path / "upload.opus").exists()


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path):
    part = RecordedPart(
        audio.file_name("test", "gone"), tmp_path / "gone.opus", 0, None
    )
    made, problems = speech.render_all([part], tmp_path / "audio")
    assert made == [] and "gone.opus" in problems[0]


def test_files_a_stopped_render_left_half_written_are_cleared(tmp_path):
    import os

    old, fresh = tmp_path / ".a.opus.1.2", tmp_path / ".b.opus.1.2"
    old.write_bytes(b"half")
    fresh.write_bytes(b"half")
    os.utime(old, (1, 1))
    speech.forget_unfinished(tmp_path)
    assert not old.exists() and fresh.exists()
