"""Read aloud: the paragraphs of a page, and the audio file that reads each one.

A paragraph is what a reader sees as one piece of a page: a heading, a paragraph,
a list item. Its audio is a person's recording where one reads exactly this text
(see ``recordings.py``), otherwise speech from eSpeak NG in the voice of the
paragraph's language, otherwise none. Audio is rendered ahead (``speech.py``) into
one folder; each file is named by a hash of what it is made from (voice and text,
or recording and times), so an edited paragraph gets a new file while the others
stay, and a file never changes under its name.
"""

import hashlib
import html
import re
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

INTERFACE = "interface"  # the page_id of interface strings read aloud
SUFFIX = ".opus"
FILE_NAME = re.compile(r"^[0-9a-f]{16}\.opus$")
# Part of every file name: change it when the voice settings or the encoding
# change, and every file is rendered again.
SPEECH_SETTINGS = "espeak-ng -s 150 | opusenc 24 kbit/s mono"
RECORDING_SETTINGS = "opusenc 24 kbit/s mono"

_BLOCK_START = re.compile(r"<(h[1-6]|p|li|dt|dd)\b[^>]*>")
_ANY_BLOCK = re.compile(r"<(?:h[1-6]|p|li|dt|dd|ul|ol|dl|div)\b")
_LINE_BREAK = re.compile(r"<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Paragraph:
    """One piece of a page read aloud, in the language it is written in.

    ``page_id`` says where its recordings live: a content page (``topics``,
    ``guides/cv``) or ``interface`` for the kiosk's own strings.
    """

    lang: str
    text: str
    page_id: str


@dataclass(frozen=True)
class Speech:
    """Audio to synthesise: ``text`` in the eSpeak NG voice ``voice``."""

    name: str
    voice: str
    text: str


@dataclass(frozen=True)
class RecordedPart:
    """Audio cut from a person's recording: ``path`` from ``start`` to ``end`` s."""

    name: str
    path: Path
    start: float
    end: float | None


Source = Speech | RecordedPart


class RecordingLookup(Protocol):
    """What the audio library asks of the recordings (see ``recordings.py``)."""

    def part_for(self, paragraph: Paragraph) -> RecordedPart | None:
        """Return the current recording of ``paragraph``, or None."""


def plain_text(fragment: str) -> str:
    """Return the text of an HTML fragment as a reader sees it, spaces collapsed."""
    text = _TAG.sub("", _LINE_BREAK.sub(" ", fragment))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def blocks(fragment: str) -> list[tuple[int, str]]:
    """Return each paragraph of cleaned HTML: where its start tag ends, its text.

    A block that holds other blocks (a list item with a list inside) is not a
    paragraph itself; the blocks inside it are.
    """
    found = []
    for match in _BLOCK_START.finditer(fragment):
        close = fragment.find(f"</{match.group(1)}>", match.end())
        inner = fragment[match.end() : close]
        if close == -1 or _ANY_BLOCK.search(inner):
            continue
        text = plain_text(inner)
        if text:
            found.append((match.end() - 1, text))
    return found


def with_audio(fragment: str, url_of: Callable[[str], str | None]) -> str:
    """Return ``fragment`` with ``data-audio`` on each paragraph that has audio.

    ``url_of`` gets a paragraph's text and returns its audio URL, or None.
    """
    pieces, done = [], 0
    for end, text in blocks(fragment):
        url = url_of(text)
        if url:
            pieces += [fragment[done:end], f' data-audio="{html.escape(url)}"']
            done = end
    return "".join(pieces) + fragment[done:]


def spoken_form(text: str) -> str:
    """Return ``text`` as the synthesiser gets it: list dots read as pauses."""
    return text.replace(" · ", ", ")


def file_name(*parts: str) -> str:
    """Return the audio file name for what it is made from."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16] + SUFFIX


def speech(voice: str, text: str) -> Speech:
    """Return the synthesis of ``text`` in ``voice``, named by both."""
    spoken = spoken_form(text)
    return Speech(file_name("speech", SPEECH_SETTINGS, voice, spoken), voice, spoken)


class AudioLibrary:
    """The rendered audio of one kiosk, and which file reads which paragraph.

    Both listeners of a process share one library: a file rendered in the
    background or a recording uploaded by staff is played from the next page on.
    """

    def __init__(
        self, audio_dir: Path, voices: dict[str, str], recordings: RecordingLookup
    ):
        self.audio_dir = audio_dir
        self.voices = voices
        self.recordings = recordings
        self._lock = threading.Lock()
        self._listeners: list[weakref.WeakMethod] = []
        found = audio_dir.glob(f"*{SUFFIX}") if audio_dir.is_dir() else ()
        self._rendered = {path.name for path in found}

    def sources(self, paragraph: Paragraph) -> list[Source]:
        """Return what could read ``paragraph``, best first: recording, speech."""
        found: list[Source] = []
        part = self.recordings.part_for(paragraph)
        if part is not None:
            found.append(part)
        voice = self.voices.get(paragraph.lang)
        if voice:
            found.append(speech(voice, paragraph.text))
        return found

    def rendered_name(self, paragraph: Paragraph) -> str | None:
        """Return the file that reads ``paragraph`` now (a recording first), or None."""
        for source in self.sources(paragraph):
            if source.name in self._rendered:
                return source.name
        return None

    def missing(self, paragraphs: Iterable[Paragraph]) -> list[Source]:
        """Return the best source of each paragraph not rendered yet, once each."""
        wanted: dict[str, Source] = {}
        for paragraph in paragraphs:
            best = self.sources(paragraph)[:1]
            for source in best:
                if source.name not in self._rendered:
                    wanted.setdefault(source.name, source)
        return list(wanted.values())

    def is_rendered(self, name: str) -> bool:
        """Tell whether the file ``name`` exists in the audio folder."""
        return name in self._rendered

    def add(self, names: Iterable[str]) -> None:
        """Note newly rendered files and tell the listeners (who clear page caches)."""
        with self._lock:
            self._rendered.update(names)
            listeners = [method() for method in self._listeners]
        for listener in listeners:
            if listener is not None:
                listener()

    def on_change(self, listener) -> None:
        """Call the bound method ``listener`` whenever new audio becomes playable.

        Held weakly: a page cache that is gone is not kept alive by the library.
        """
        with self._lock:
            self._listeners = [m for m in self._listeners if m() is not None]
            self._listeners.append(weakref.WeakMethod(listener))

    def prune(self, keep: set[str]) -> list[str]:
        """Delete rendered files not in ``keep`` (audio of text that changed)."""
        removed = []
        with self._lock:
            for name in sorted(self._rendered - keep):
                (self.audio_dir / name).unlink(missing_ok=True)
                removed.append(name)
            self._rendered -= set(removed)
        return removed
