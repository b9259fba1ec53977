"""The one loader of content files: front matter and Markdown, as safe HTML.

Guidance pages and library documents are both Markdown files with a YAML header
in ``content/<lang>/``. This module reads them, reports a broken file with its
path and line, and renders the body to HTML that holds no link, script or style.
"""

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import frontmatter
import nh3
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin

log = logging.getLogger(__name__)
SOURCE_LANGUAGE = "nb"
# What a rendering depends on besides the Markdown itself (and the icons).
RENDERING_PACKAGES = ("markdown-it-py", "mdit-py-plugins", "nh3")
ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "strong", "em", "code", "br"}


class ContentFileError(ValueError):
    """A content file that cannot be used, with the file and line to fix."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass(frozen=True)
class ContentFile:
    """A content file as read: its header fields and its Markdown body."""

    path: Path
    fields: dict
    markdown: str


def read_content_file(path: Path) -> ContentFile:
    """Read one content file; raise ContentFileError naming the file and line."""
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ContentFileError(path, line, f"front matter: {error}") from error
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ContentFileError(path, 1, f"cannot be read: {error}") from error
    return ContentFile(path, dict(post.metadata), post.content)


def icon_names(static_dir: Path) -> frozenset[str]:
    """Return the names of the icons under ``static/icons``."""
    return frozenset(path.stem for path in (static_dir / "icons").glob("*.svg"))


class MarkdownRenderer:
    """Turn content Markdown into HTML that holds no link, script or style.

    With ``kept``, a file of earlier renderings: a Markdown text rendered
    before (by this module, with these icons and these versions of the
    packages it renders with) is taken from it, and ``save`` writes this
    run's renderings back. A restart then renders nothing it rendered before.
    """

    def __init__(self, icons: frozenset[str], kept: Path | None = None):
        self.icons = icons
        self._markdown = (
            MarkdownIt("commonmark", {"html": False})
            .use(attrs_block_plugin)
            .disable(["image", "link", "autolink"])
        )
        icon_classes = {f"icon-{name}" for name in icons}
        self._allowed_classes = {"h2": icon_classes, "h3": icon_classes}
        self._kept_path = kept
        self._version = rendering_version(icons) if kept else ""
        self._kept = _read_kept(kept, self._version) if kept else {}
        self._used: dict[str, str] = {}

    def render(self, text: str) -> str:
        """Return the cleaned HTML for ``text``."""
        if self._kept_path is None:
            return self._render(text)
        key = hashlib.sha256(text.encode()).hexdigest()
        html = self._kept.get(key)
        if html is None:
            html = self._render(text)
        self._used[key] = html
        return html

    def _render(self, text: str) -> str:
        html = self._markdown.render(text)
        return nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes={},
            allowed_classes=self._allowed_classes,
        )

    def save(self) -> None:
        """Write this run's renderings to the kept file, if they differ from it.

        Only what this run rendered is kept, so renderings of texts since
        changed do not pile up. A kept file that cannot be written is logged:
        the next start renders again.
        """
        if self._kept_path is None or self._used == self._kept:
            return
        kept = {"version": self._version, "html": self._used}
        # One temporary file per process, as the search index: two listeners'
        # processes sharing a data folder never write into each other's.
        temporary = self._kept_path.with_suffix(f".{os.getpid()}.tmp")
        try:
            descriptor = os.open(
                temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600
            )
            with open(descriptor, "w", encoding="utf-8") as file:
                json.dump(kept, file, ensure_ascii=False)
            os.replace(temporary, self._kept_path)
        except OSError as error:
            log.warning("rendered content not kept for the next start: %s", error)
        finally:
            temporary.unlink(missing_ok=True)


def rendering_version(icons: frozenset[str]) -> str:
    """Return what a rendering depends on, besides its text, as one hash."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in RENDERING_PACKAGES:
        digest.update(f"\0{package} {metadata.version(package)}".encode())
    digest.update(("\0" + " ".join(sorted(icons))).encode())
    return digest.hexdigest()


def _read_kept(path: Path, version: str) -> dict[str, str]:
    """Return the renderings kept in ``path``; none if it is missing, unreadable
    or made by another version."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(kept, dict) or kept.get("version") != version:
        return {}
    html = kept.get("html")
    if not isinstance(html, dict):
        return {}
    return {k: v for k, v in html.items() if isinstance(v, str)}


def source_version(path: Path) -> str:
    """Return the version of a source file: a short hash of its bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def source_path(content_dir: Path, page_id: str) -> Path:
    """Return the Norwegian source file of ``page_id`` (``topics``, ``guides/cv``)."""
    return content_dir / SOURCE_LANGUAGE / f"{page_id}.md"


_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def mark_current(content_dir: Path, lang: str, page_id: str) -> str:
    """Record that ``page_id`` in ``lang`` translates the current source.

    The header is rewritten line by line, so a translator's formatting stays.
    """
    version = source_version(source_path(content_dir, page_id))
    path = content_dir / lang / f"{page_id}.md"
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ContentFileError(path, 1, "no front matter between --- lines")
    lines = [
        line
        for line in match.group(1).splitlines()
        if not line.startswith("source_version:")
    ]
    lines.append(f"source_version: {version}")
    path.write_text(
        "---\n" + "\n".join(lines) + "\n---\n" + text[match.end() :], encoding="utf-8"
    )
    return version
