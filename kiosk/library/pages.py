"""Guidance pages (home, what guidance is, topics, websites) in ``content/<lang>/``."""

import logging
from dataclasses import dataclass
from pathlib import Path

from kiosk.library.content_rules import wording_problems
from kiosk.library.markdown import (
    SOURCE_LANGUAGE,
    ContentFileError,
    MarkdownRenderer,
    icon_names,
    read_content_file,
)

log = logging.getLogger(__name__)

REQUIRED_FIELDS = ("title", "nav", "order")


@dataclass(frozen=True)
class Page:
    """One guidance page in one language, its body already cleaned HTML."""

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


def read_page(path: Path, renderer: MarkdownRenderer) -> Page:
    """Read one guidance page; raise ContentFileError naming the file and line."""
    found = read_content_file(path)
    fields = found.fields
    missing = [name for name in REQUIRED_FIELDS if not fields.get(name)]
    if missing:
        raise ContentFileError(path, 1, f"missing field(s): {', '.join(missing)}")
    icon = str(fields.get("icon", ""))
    if icon and icon not in renderer.icons:
        raise ContentFileError(path, 1, f"unknown icon {icon!r}")
    try:
        order = int(fields["order"])
    except (TypeError, ValueError):
        raise ContentFileError(path, 1, "order must be a whole number") from None
    return Page(
        lang=path.parent.name,
        slug=path.stem,
        title=str(fields["title"]),
        nav=str(fields["nav"]),
        summary=str(fields.get("summary", "")),
        order=order,
        icon=icon,
        html=renderer.render(found.markdown),
        path=path,
        source_version=str(fields.get("source_version", "")),
    )


class GuidancePages:
    """Every guidance page, loaded once; broken files are reported, never fatal."""

    def __init__(self, content_dir: Path, static_dir: Path):
        renderer = MarkdownRenderer(icon_names(static_dir))
        self.problems: list[str] = []
        self._pages: dict[tuple[str, str], Page] = {}
        for path in sorted(content_dir.glob("*/*.md")):
            try:
                page = read_page(path, renderer)
            except ContentFileError as error:
                log.error("content file skipped: %s", error)
                self.problems.append(str(error))
                continue
            self._pages[(page.lang, page.slug)] = page
            if page.lang == SOURCE_LANGUAGE:
                text = path.read_text(encoding="utf-8")
                self.problems.extend(wording_problems(path, text))

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
