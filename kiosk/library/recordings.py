"""Recordings: pages read aloud by a person, kept beside the text they read.

A page's recording lives in ``content/<lang>/audio/<page-id>/``, committed like the
text (staff can also upload one on the Translations page). Its ``recording.toml``
ties each audio file to the paragraph it reads, by that paragraph's text::

    [[paragraphs]]
    text = "Slik skriver du en CV"
    file = "01.wav"

or one file for the whole page, with the second each paragraph starts at::

    [[paragraphs]]
    text = "Slik skriver du en CV"
    file = "page.opus"
    start = 0.0

A recorded paragraph is played only while the page shows exactly its text and, for
a translation, while the translation is current with its Norwegian page. Otherwise
it is outdated: ``kiosk i18n status`` says so, and the kiosk reads that paragraph
with speech (or not at all, in a language without a voice).
"""

import hashlib
import json
import re
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.i18n import review
from kiosk.library.audio import (
    INTERFACE,
    RECORDING_SETTINGS,
    Paragraph,
    RecordedPart,
    blocks,
    file_name,
)
from kiosk.library.glossary import Glossary
from kiosk.library.markdown import (
    SOURCE_LANGUAGE,
    MarkdownRenderer,
    read_content_file,
)

MANIFEST = "recording.toml"
AUDIO_FOLDER = "audio"
FORMATS = (".wav", ".opus", ".ogg")
AUDIO_FILE = re.compile(r"^[\w-][\w.-]*$")
PAGE_ID = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)?$")
_SPACE = re.compile(r"\s+")


class RecordingError(ValueError):
    """A recording that cannot be used, with the file (and line) to fix."""


@dataclass(frozen=True)
class RecordedParagraph:
    """One paragraph of a recording: its text, and where in which file it is read."""

    text: str
    file: str
    start: float = 0.0
    end: float | None = None


@dataclass
class Recording:
    """The recording of one page in one language."""

    lang: str
    page_id: str
    folder: Path
    paragraphs: list[RecordedParagraph]
    translation_current: bool = True
    digests: dict[str, str] = field(default_factory=dict)

    def part(self, text: str) -> RecordedPart | None:
        """Return the recorded reading of ``text`` if it is current, else None."""
        if not self.translation_current:
            return None
        for paragraph in self.paragraphs:
            digest = self.digests.get(paragraph.file)
            if paragraph.text == text and digest:
                return RecordedPart(
                    file_name(
                        "recording",
                        RECORDING_SETTINGS,
                        digest,
                        f"{paragraph.start:.3f}",
                        f"{paragraph.end or 0:.3f}",
                    ),
                    self.folder / paragraph.file,
                    paragraph.start,
                    paragraph.end,
                )
        return None


def normalise(text: str) -> str:
    """Return ``text`` with its spaces collapsed, as recordings compare it."""
    return _SPACE.sub(" ", text).strip()


def folder_of(root: Path, lang: str, page_id: str) -> Path:
    """Return the folder of the recording of ``page_id`` in ``lang`` under ``root``."""
    if not PAGE_ID.match(page_id):
        raise RecordingError(f"not a page: {page_id!r}")
    return root / lang / AUDIO_FOLDER / page_id


def translation_is_current(content_dir: Path, lang: str, page_id: str) -> bool:
    """Tell whether ``page_id`` in ``lang`` translates the current Norwegian page."""
    if page_id == INTERFACE or lang == SOURCE_LANGUAGE:
        return True
    path, source = review.page_paths(content_dir, lang, page_id)
    if not path.exists() or not source.exists():
        return False
    return review.translates_current_source(path, source, page_id)


def _number(value, manifest: Path, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise RecordingError(f"{manifest}:1: {what} must be seconds, like 12.5")
    return float(value)


def _paragraphs(data: dict, manifest: Path) -> list[RecordedParagraph]:
    found = []
    for number, entry in enumerate(data.get("paragraphs") or [], 1):
        text, name = entry.get("text"), entry.get("file")
        if not isinstance(text, str) or not text.strip():
            raise RecordingError(f"{manifest}:1: paragraph {number} has no text")
        if not isinstance(name, str) or not AUDIO_FILE.match(name):
            raise RecordingError(f"{manifest}:1: paragraph {number}: bad file name")
        if not name.endswith(FORMATS):
            formats = ", ".join(FORMATS)
            raise RecordingError(
                f"{manifest}:1: paragraph {number}: {name} is not one of {formats}"
            )
        start = _number(entry.get("start", 0.0), manifest, "start")
        end = entry.get("end")
        end = None if end is None else _number(end, manifest, "end")
        found.append(RecordedParagraph(normalise(text), name, start, end))
    return _with_ends(found)


def _with_ends(paragraphs: list[RecordedParagraph]) -> list[RecordedParagraph]:
    """Let a paragraph without an end run to the next start in the same file."""
    starts: dict[str, list[float]] = {}
    for paragraph in paragraphs:
        starts.setdefault(paragraph.file, []).append(paragraph.start)
    finished = []
    for paragraph in paragraphs:
        later = [s for s in starts[paragraph.file] if s > paragraph.start]
        end = paragraph.end if paragraph.end is not None else min(later, default=None)
        finished.append(
            RecordedParagraph(paragraph.text, paragraph.file, paragraph.start, end)
        )
    return finished


def read_recording(
    root: Path, manifest: Path, content_dir: Path | None = None
) -> Recording:
    """Read one ``recording.toml`` under ``root``; raise RecordingError naming it.

    ``content_dir`` holds the text it reads (by default ``root`` itself).
    """
    lang = manifest.relative_to(root).parts[0]
    page_id = manifest.parent.relative_to(root / lang / AUDIO_FOLDER)
    page_id = page_id.as_posix()
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise RecordingError(
            f"{manifest}:{line.group(1) if line else 1}: {error}"
        ) from error
    except (OSError, UnicodeDecodeError) as error:
        raise RecordingError(f"{manifest}:1: cannot be read: {error}") from error
    if not PAGE_ID.match(page_id):
        raise RecordingError(f"{manifest}:1: {page_id!r} is not a page")
    paragraphs = _paragraphs(data, manifest)
    digests = {}
    for name in {paragraph.file for paragraph in paragraphs}:
        path = manifest.parent / name
        if path.is_file():
            digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return Recording(
        lang,
        page_id,
        manifest.parent,
        paragraphs,
        translation_is_current(content_dir or root, lang, page_id),
        digests,
    )


class Recordings:
    """Every recording, loaded once; broken ones are reported, never fatal.

    Recordings live beside the content; those uploaded by staff may live in a
    folder of their own (``KIOSK_RECORDINGS_DIR``, same layout), and take the
    place of a committed recording of the same text.
    """

    def __init__(self, content_dir: Path, upload_dir: Path | None = None):
        self.content_dir = content_dir
        self.roots = [content_dir]
        if upload_dir is not None and upload_dir.resolve() != content_dir.resolve():
            self.roots.append(upload_dir)
        self.problems: list[str] = []
        self._pages: dict[tuple[str, str], list[Recording]] = {}
        self._lock = threading.Lock()
        for root in self.roots:
            for manifest in sorted(root.glob(f"*/{AUDIO_FOLDER}/**/{MANIFEST}")):
                self._load(root, manifest)

    def _load(self, root: Path, manifest: Path) -> None:
        try:
            recording = read_recording(root, manifest, self.content_dir)
        except RecordingError as error:
            self.problems.append(str(error))
            return
        with self._lock:
            key = (recording.lang, recording.page_id)
            self._pages.setdefault(key, []).insert(0, recording)  # uploads first

    def get(self, lang: str, page_id: str) -> Recording | None:
        """Return the recording of ``page_id`` in ``lang`` (uploads first), or None."""
        found = self._pages.get((lang, page_id))
        return found[0] if found else None

    def of_language(self, lang: str) -> list[Recording]:
        """Return the recordings of one language, by page."""
        found = [
            recording
            for (code, _), recordings in self._pages.items()
            if code == lang
            for recording in recordings
        ]
        return sorted(found, key=lambda recording: recording.page_id)

    def part_for(self, paragraph: Paragraph) -> RecordedPart | None:
        """Return the current recording of ``paragraph``, or None."""
        for recording in self._pages.get((paragraph.lang, paragraph.page_id), []):
            part = recording.part(paragraph.text)
            if part is not None:
                return part
        return None

    def recorded(self, lang: str, page_id: str, text: str) -> bool:
        """Tell whether some recording of the page reads ``text`` (current or not)."""
        recordings = self._pages.get((lang, page_id), [])
        return any(p.text == text for r in recordings for p in r.paragraphs)

    def reload(self, lang: str, page_id: str) -> None:
        """Read one page's recordings again (after an upload)."""
        with self._lock:
            self._pages.pop((lang, page_id), None)
        for root in self.roots:
            manifest = folder_of(root, lang, page_id) / MANIFEST
            if manifest.exists():
                self._load(root, manifest)


def content_paragraphs(
    content_dir: Path, lang: str, page_id: str, renderer: MarkdownRenderer
) -> list[str]:
    """Return the texts of a content page a recording can read, in order.

    The title, the summary, then each heading, paragraph and list item; for the
    glossary, each word and its explanation, in the order the page shows them.
    """
    if page_id == review.GLOSSARY:
        return _glossary_paragraphs(content_dir, lang)
    path = content_dir / lang / f"{page_id}.md"
    if page_id == INTERFACE or not path.exists():
        return []
    found = read_content_file(path)
    fields = found.fields
    texts = [normalise(str(fields.get(key) or "")) for key in ("title", "summary")]
    texts += [text for _end, text in blocks(renderer.render(found.markdown))]
    return [text for text in texts if text]


def _glossary_paragraphs(content_dir: Path, lang: str) -> list[str]:
    if not (content_dir / lang / f"{review.GLOSSARY}.toml").exists():
        return []
    texts = []
    for entry in Glossary(content_dir).entries([lang]):
        texts += [normalise(entry.term), normalise(entry.explanation)]
    return [text for text in texts if text]


@dataclass
class RecordingState:
    """How one page's recording stands against the text the page shows now."""

    page_id: str
    manifest: Path
    current: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)


def states(
    recordings: Recordings, lang: str, texts_of: Callable[[str], set[str]]
) -> list[RecordingState]:
    """Return each recording of ``lang``: which paragraphs are current, which not.

    ``texts_of(page_id)`` returns the texts the page shows now.
    """
    found = []
    for recording in recordings.of_language(lang):
        state = RecordingState(recording.page_id, recording.folder / MANIFEST)
        texts = texts_of(recording.page_id) if recording.translation_current else set()
        for paragraph in recording.paragraphs:
            if paragraph.file not in recording.digests:
                state.missing_files.append(paragraph.file)
            elif paragraph.text in texts:
                state.current.append(paragraph.text)
            else:
                state.outdated.append(paragraph.text)
        found.append(state)
    return found


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


MANIFEST_HEADER = """\
# {page_id} read aloud in {lang}: which file reads which paragraph, by its text.
# A paragraph is played only while the page shows exactly this text; change the
# text and the recording of that paragraph is outdated (kiosk i18n status).
"""


def write_manifest(folder: Path, lang: str, page_id: str, paragraphs) -> Path:
    """Write the ``recording.toml`` of ``paragraphs`` into ``folder``."""
    lines = [MANIFEST_HEADER.format(page_id=page_id, lang=lang)]
    for paragraph in paragraphs:
        lines += [
            "[[paragraphs]]",
            f"text = {_toml_string(paragraph.text)}",
            f"file = {_toml_string(paragraph.file)}",
        ]
        if paragraph.start or paragraph.end is not None:
            lines.append(f"start = {paragraph.start:g}")
        if paragraph.end is not None:
            lines.append(f"end = {paragraph.end:g}")
        lines.append("")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MANIFEST
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def record_paragraph(
    root: Path, lang: str, page_id: str, text: str, audio_file: str
) -> Path:
    """Tie ``audio_file`` (in the page's recording folder) to the paragraph ``text``.

    ``root`` is the content folder, or the folder of uploaded recordings. Any
    earlier recording of the same text is replaced; the others stay.
    """
    folder = folder_of(root, lang, page_id)
    manifest = folder / MANIFEST
    kept = []
    if manifest.exists():
        kept = read_recording(root, manifest).paragraphs
    text = normalise(text)
    replaced = [paragraph for paragraph in kept if paragraph.text == text]
    paragraphs = [p for p in kept if p.text != text] + [
        RecordedParagraph(text, audio_file)
    ]
    path = write_manifest(folder, lang, page_id, paragraphs)
    _forget_uploads(folder, replaced, paragraphs)
    return path


UPLOAD_PREFIX = "upload-"


def _forget_uploads(folder: Path, replaced, paragraphs) -> None:
    """Delete files uploaded by staff that were replaced and are read no more."""
    used = {paragraph.file for paragraph in paragraphs}
    for paragraph in replaced:
        if paragraph.file.startswith(UPLOAD_PREFIX) and paragraph.file not in used:
            (folder / paragraph.file).unlink(missing_ok=True)


def record_whole_page(
    root: Path,
    lang: str,
    page_id: str,
    texts: list[str],
    audio_file: str,
    starts: list[float],
) -> Path:
    """Tie one file to the paragraphs ``texts``, each from its start second."""
    if len(starts) != len(texts):
        raise RecordingError(
            f"{len(texts)} paragraph(s) but {len(starts)} start time(s)"
        )
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        raise RecordingError("start times must grow from one paragraph to the next")
    paragraphs = [
        RecordedParagraph(normalise(text), audio_file, start)
        for text, start in zip(texts, starts, strict=True)
    ]
    folder = folder_of(root, lang, page_id)
    manifest = folder / MANIFEST
    replaced = read_recording(root, manifest).paragraphs if manifest.exists() else []
    path = write_manifest(folder, lang, page_id, _with_ends(paragraphs))
    _forget_uploads(folder, replaced, paragraphs)
    return path


def parse_seconds(value: str) -> float:
    """Read a start time: ``12.5`` seconds or ``1:02.5`` minutes and seconds."""
    minutes, _, seconds = value.strip().rpartition(":")
    try:
        total = float(seconds) + 60 * (int(minutes) if minutes else 0)
    except ValueError:
        raise RecordingError(f"not a time: {value!r} (write 12.5 or 1:02.5)") from None
    if total < 0:
        raise RecordingError(f"not a time: {value!r}")
    return total
