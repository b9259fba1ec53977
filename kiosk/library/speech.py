"""Render read-aloud audio ahead of time: eSpeak NG speech and recordings, as Opus.

Files are made with Debian's ``espeak-ng`` and ``opus-tools`` (the Makefile installs
both), written under a temporary name and then renamed, so a half-written file is
never served. Audio is mono Ogg Opus at 24 kbit/s, about 180 KB a minute of speech;
metadata of recordings (a recorder's name, a phone's model) is dropped.
"""

import io
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from kiosk.library.audio import RecordedPart, Source, Speech
from kiosk.library.recordings import RecordingError

log = logging.getLogger(__name__)

ESPEAK = "espeak-ng"
OPUSENC = "opusenc"
OPUSDEC = "opusdec"
TOOLS = (ESPEAK, OPUSENC, OPUSDEC)
WORDS_PER_MINUTE = 150  # a little slower than eSpeak's 175, for second-language readers
BITRATE_KBPS = 24
UPLOAD_BITRATE_KBPS = 64  # an uploaded recording is kept in content/ at this rate
MAX_RECORDING_SECONDS = 15 * 60
OPUS_RATE = 48000


class AudioToolMissing(RuntimeError):
    """espeak-ng or opus-tools is not installed."""


def missing_tools() -> list[str]:
    """Return the audio tools that are not installed (``make`` installs them)."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _run(command: list[str], niceness: int = 0, data: bytes = b"") -> bytes:
    if shutil.which(command[0]) is None:
        raise AudioToolMissing(f"{command[0]} is not installed: run make audio-deps")
    if niceness:  # in the background, pages come first
        command = ["nice", "-n", str(niceness), *command]
    done = subprocess.run(command, input=data, capture_output=True, check=False)
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip()[-300:]
        raise RecordingError(f"{command[0]} failed: {problem}")
    return done.stdout


def _encode(wav: bytes, target: Path, bitrate: int, niceness: int = 0) -> None:
    unique = f"{os.getpid()}.{threading.get_ident()}"
    temporary = target.with_name(f".{target.name}.{unique}")
    command = [
        OPUSENC,
        "--quiet",
        "--bitrate",
        str(bitrate),
        "--speech",
        "--downmix-mono",
        "--discard-comments",
        "--discard-pictures",
        "--padding",
        "0",
        "-",
        str(temporary),
    ]
    try:
        _run(command, niceness, wav)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def forget_unfinished(audio_dir: Path, older_than_seconds: float = 600) -> None:
    """Delete files a stopped render left half-written (the kiosk never serves them)."""
    now = time.time()
    for path in audio_dir.glob(".*.opus.*"):
        if now - path.stat().st_mtime > older_than_seconds:
            path.unlink(missing_ok=True)


def speech_wav(speech: Speech, niceness: int = 0) -> bytes:
    """Return ``speech.text`` spoken by eSpeak NG, as WAV bytes."""
    command = [ESPEAK, "-v", speech.voice, "-s", str(WORDS_PER_MINUTE), "-b", "1"]
    return _run([*command, "--stdin", "--stdout"], niceness, speech.text.encode())


def _wav_of(path: Path, folder: Path) -> Path:
    """Return a WAV file with the sound of ``path`` (decoding Opus into ``folder``)."""
    if path.suffix == ".wav":
        return path
    decoded = folder / "decoded.wav"
    _run([OPUSDEC, "--quiet", "--force-wav", str(path), str(decoded)])
    return decoded


def cut_wav(path: Path, start: float, end: float | None) -> bytes:
    """Return the WAV bytes of ``path`` from ``start`` to ``end`` seconds."""
    try:
        with wave.open(str(path), "rb") as reader:
            rate = reader.getframerate()
            first = min(int(start * rate), reader.getnframes())
            last = reader.getnframes() if end is None else int(end * rate)
            reader.setpos(first)
            frames = reader.readframes(max(0, min(last, reader.getnframes()) - first))
            params = reader.getparams()
    except (wave.Error, EOFError) as error:
        raise RecordingError(
            f"{path}: cannot read this WAV ({error}); save it as 16-bit PCM WAV or Opus"
        ) from error
    if not frames:
        raise RecordingError(f"{path}: nothing to play from {start} s")
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setparams(params)
        writer.writeframes(frames)
    return out.getvalue()


def render(source: Source, audio_dir: Path, niceness: int = 0) -> str:
    """Render one audio file into ``audio_dir``; return its name."""
    audio_dir.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Speech):
        wav = speech_wav(source, niceness)
    else:
        with tempfile.TemporaryDirectory() as folder:
            wav = cut_wav(_wav_of(source.path, Path(folder)), source.start, source.end)
    _encode(wav, audio_dir / source.name, BITRATE_KBPS, niceness)
    return source.name


def render_all(
    sources: Iterable[Source],
    audio_dir: Path,
    jobs: int = 1,
    niceness: int = 0,
    done: Callable[[str | None], None] | None = None,
) -> tuple[list[str], list[str]]:
    """Render every source, ``jobs`` at a time; return the names made, the problems.

    ``done`` is called after each file (with None when it failed).
    """
    made, problems = [], []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(render, s, audio_dir, niceness): s for s in sources}
        for future in as_completed(futures):
            try:
                name = future.result()
            except (RecordingError, OSError) as error:
                source = futures[future]
                where = source.path if isinstance(source, RecordedPart) else source.text
                problems.append(f"{where}: {error}")
                name = None
            if name:
                made.append(name)
            if done is not None:
                done(name)
    return made, problems


def duration_seconds(path: Path) -> float:
    """Return how long an Ogg Opus file plays, from its last page's position."""
    data = path.read_bytes()
    head = data.find(b"OpusHead")
    last = data.rfind(b"OggS")
    if head == -1 or last == -1:
        raise RecordingError(f"{path}: not an Ogg Opus file")
    pre_skip = int.from_bytes(data[head + 10 : head + 12], "little")
    granule = int.from_bytes(data[last + 6 : last + 14], "little")
    return max(0, granule - pre_skip) / OPUS_RATE


def audio_format(data: bytes) -> str:
    """Return ``.wav`` or ``.opus`` for an uploaded recording, or raise."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return ".wav"
    if data[:4] == b"OggS" and b"OpusHead" in data[:200]:
        return ".opus"
    raise RecordingError("upload a WAV or an Opus (.opus) file")


def store_recording(data: bytes, target: Path) -> Path:
    """Keep an uploaded recording as ``target`` (.opus): checked, mono, no metadata."""
    suffix = audio_format(data)
    with tempfile.TemporaryDirectory() as folder:
        upload = Path(folder) / f"upload{suffix}"
        upload.write_bytes(data)
        wav = _wav_of(upload, Path(folder))
        try:
            with wave.open(str(wav), "rb") as reader:
                # streamed WAV (from a recorder app, or eSpeak) has no true length
                frames = len(reader.readframes(reader.getnframes()))
                size = reader.getsampwidth() * reader.getnchannels()
                seconds = frames / size / reader.getframerate()
        except (wave.Error, EOFError) as error:
            raise RecordingError(
                f"cannot read this WAV ({error}); save it as 16-bit PCM WAV or Opus"
            ) from error
        if not 0.2 <= seconds <= MAX_RECORDING_SECONDS:
            raise RecordingError(
                f"a recording must last between 0.2 s and "
                f"{MAX_RECORDING_SECONDS // 60} minutes"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        _encode(wav.read_bytes(), target, UPLOAD_BITRATE_KBPS)
    return target
