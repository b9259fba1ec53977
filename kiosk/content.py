"""Content pages: Markdown with front matter in ``content/<lang>/``, as safe HTML."""

import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import nh3
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "nb"
ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "strong", "em", "code", "br"}
REQUIRED_FIELDS = ("title", "nav", "order")


@dataclass(frozen=True)
class Page:
    """One content page in one language, its body already cleaned HTML."""

    lang: str
    slug: str
    title: str
    nav: str
    summary: str
    order: int
    icon: str
    html: str
    path: Path
    source_version: str = ""


@dataclass(frozen=True)
class PageView:
    """A page as shown to a reader: ``page.lang`` differs from ``lang`` on fallback."""

    page: Page
    lang: str

    @property
    def is_fallback(self) -> bool:
        """Tell whether the page is shown in another language than asked for."""
        return self.page.lang != self.lang


class ContentError(ValueError):
    """A content file that cannot be used; the message starts with ``file:line:``."""


def icon_names(static_dir: Path) -> frozenset[str]:
    """Return the names of the icons under ``static/icons``."""
    return frozenset(path.stem for path in (static_dir / "icons").glob("*.svg"))


class MarkdownRenderer:
    """Turn content Markdown into HTML that holds no link, script or style."""

    def __init__(self, icons: frozenset[str]):
        self._markdown = (
            MarkdownIt("commonmark", {"html": False})
            .use(attrs_block_plugin)
            .disable(["image", "link", "autolink"])
        )
        icon_classes = {f"icon-{name}" for name in icons}
        self._allowed_classes = {"h2": icon_classes, "h3": icon_classes}

    def render(self, text: str) -> str:
        """Return the cleaned HTML for ``text``."""
        html = self._markdown.render(text)
        return nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes={},
            allowed_classes=self._allowed_classes,
        )


def read_page(path: Path, renderer: MarkdownRenderer, icons: frozenset[str]) -> Page:
    """Read one page file; raise ContentError naming the file and line."""
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        raise ContentError(f"{path}:{line}: front matter: {error}") from error
    missing = [field for field in REQUIRED_FIELDS if not post.get(field)]
    if missing:
        raise ContentError(f"{path}:1: missing field(s): {', '.join(missing)}")
    icon = str(post.get("icon", ""))
    if icon and icon not in icons:
        raise ContentError(f"{path}:1: unknown icon {icon!r}")
    try:
        order = int(post["order"])
    except (TypeError, ValueError):
        raise ContentError(f"{path}:1: order must be a whole number") from None
    return Page(
        lang=path.parent.name,
        slug=path.stem,
        title=str(post["title"]),
        nav=str(post["nav"]),
        summary=str(post.get("summary", "")),
        order=order,
        icon=icon,
        html=renderer.render(post.content),
        path=path,
        source_version=str(post.get("source_version", "")),
    )


class ContentLibrary:
    """Every content page, loaded once; broken files are reported, never fatal."""

    def __init__(self, content_dir: Path, static_dir: Path):
        icons = icon_names(static_dir)
        renderer = MarkdownRenderer(icons)
        self.problems: list[str] = []
        self._pages: dict[tuple[str, str], Page] = {}
        for path in sorted(content_dir.glob("*/*.md")):
            try:
                page = read_page(path, renderer, icons)
            except ContentError as error:
                log.error("content file skipped: %s", error)
                self.problems.append(str(error))
                continue
            self._pages[(page.lang, page.slug)] = page

    def slugs(self) -> list[str]:
        """Return the slugs of the source-language pages, in menu order."""
        pages = [p for (lang, _), p in self._pages.items() if lang == SOURCE_LANGUAGE]
        return [page.slug for page in sorted(pages, key=lambda page: page.order)]

    def find(self, slug: str, chain: list[str]) -> PageView | None:
        """Return the page ``slug`` in the first language of ``chain`` that has it."""
        for lang in [*chain, SOURCE_LANGUAGE]:
            page = self._pages.get((lang, slug))
            if page is not None:
                return PageView(page=page, lang=chain[0])
        return None

    def menu(self, chain: list[str]) -> list[PageView]:
        """Return every page for the reader of ``chain``, in menu order."""
        views = (self.find(slug, chain) for slug in self.slugs())
        return [view for view in views if view is not None]


def source_version(path: Path) -> str:
    """Return the version of a source page: a short hash of its bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def source_path(content_dir: Path, slug: str) -> Path:
    """Return the Norwegian source file of page ``slug``."""
    return content_dir / SOURCE_LANGUAGE / f"{slug}.md"


_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def mark_current(content_dir: Path, lang: str, slug: str) -> str:
    """Record that page ``slug`` in ``lang`` translates the current source."""
    version = source_version(source_path(content_dir, slug))
    path = content_dir / lang / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ContentError(f"{path}:1: no front matter between --- lines")
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
