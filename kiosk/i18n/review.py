"""Review state per page and per catalog: draft, reviewed (by whom, when), outdated.

A translation is a draft until a qualified person reviews it. The review of each
page or catalog is recorded in ``translations/<lang>/review.toml`` with the
Norwegian version it was checked against and a hash of the translation as it was
read, so the record stops counting the moment either side changes:

- outdated: the Norwegian source changed since the page was translated (or the
  catalog has empty or fuzzy strings);
- reviewed: a person checked exactly this translation of exactly this source;
- draft: everything else, including a reviewed page that was edited since.
"""

import datetime
import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kiosk.library.markdown import SOURCE_LANGUAGE, source_version

REVIEW_FILE = "review.toml"
STATES = ("reviewed", "draft", "outdated")
CATALOG_ITEMS = {"catalog": "messages", "catalog:staff": "staff"}
_SOURCE_VERSION = re.compile(r"^source_version:\s*(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Review:
    """One person's review of one page or catalog."""

    item: str
    by: str
    on: datetime.date
    source_version: str
    translation_version: str


class ReviewFileError(ValueError):
    """A review file that cannot be used, with its file and line."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


def file_version(path: Path) -> str:
    """Return a short hash of a translation file as it is now."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def recorded_source_version(path: Path) -> str:
    """Return the ``source_version`` a translated page says it translates."""
    head = path.read_text(encoding="utf-8")[:2000]
    found = _SOURCE_VERSION.search(head)
    return found.group(1) if found else ""


def review_path(translations_dir: Path, lang: str) -> Path:
    """Return the review file of ``lang``."""
    return translations_dir / lang / REVIEW_FILE


def load_reviews(translations_dir: Path, lang: str) -> dict[str, Review]:
    """Return the recorded reviews of ``lang`` by item (page id or catalog)."""
    path = review_path(translations_dir, lang)
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        line = int(found.group(1)) if found else 1
        raise ReviewFileError(path, line, str(error)) from error
    reviews = {}
    for item, entry in data.items():
        try:
            reviews[item] = Review(
                item=item,
                by=str(entry["by"]),
                on=entry["on"],
                source_version=str(entry.get("source_version", "")),
                translation_version=str(entry["translation_version"]),
            )
        except (KeyError, TypeError) as error:
            line = next((n for n, t in enumerate(text.splitlines(), 1) if item in t), 1)
            raise ReviewFileError(path, line, f"{item}: missing {error}") from None
    return reviews


GLOSSARY = "glossary"


def page_paths(content_dir: Path, lang: str, page_id: str) -> tuple[Path, Path]:
    """Return the translated file of ``page_id`` in ``lang`` and its nb source."""
    suffix = ".toml" if page_id == GLOSSARY else ".md"
    return (
        content_dir / lang / f"{page_id}{suffix}",
        content_dir / SOURCE_LANGUAGE / f"{page_id}{suffix}",
    )


def translates_current_source(path: Path, source: Path, page_id: str) -> bool:
    """Tell whether the translation at ``path`` is of the current ``source``."""
    if page_id != GLOSSARY:
        return recorded_source_version(path) == source_version(source)
    try:  # a glossary is current when it has every Norwegian term
        wanted = tomllib.loads(source.read_text(encoding="utf-8"))
        found = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return set(wanted) <= set(found)


def page_state(
    content_dir: Path, lang: str, page_id: str, reviews: dict[str, Review]
) -> str:
    """Return ``reviewed``, ``draft`` or ``outdated`` for one translated page."""
    path, source = page_paths(content_dir, lang, page_id)
    current = source_version(source)
    if not translates_current_source(path, source, page_id):
        return "outdated"
    review = reviews.get(page_id)
    if (
        review is not None
        and review.source_version == current
        and review.translation_version == file_version(path)
    ):
        return "reviewed"
    return "draft"


def catalog_state(path: Path, complete: bool, reviews: dict[str, Review]) -> str:
    """Return the state of one catalog; ``complete``: no empty or fuzzy string."""
    if not complete:
        return "outdated"
    item = next(k for k, v in CATALOG_ITEMS.items() if path.stem == v)
    review = reviews.get(item)
    if review is not None and review.translation_version == file_version(path):
        return "reviewed"
    return "draft"


def _entry(review: Review) -> str:
    return (
        f'["{review.item}"]\n'
        f'by = "{_quoted(review.by)}"\n'
        f"on = {review.on.isoformat()}\n"
        f'source_version = "{review.source_version}"\n'
        f'translation_version = "{review.translation_version}"\n'
    )


def _quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def record(translations_dir: Path, lang: str, review: Review) -> None:
    """Write one review into the language's review file (replacing an older one)."""
    reviews = load_reviews(translations_dir, lang)
    reviews[review.item] = review
    header = (
        "# Reviews of this language's translations by a qualified person, written\n"
        "# by `kiosk i18n mark-reviewed LANG PAGE --by NAME`. A review counts only\n"
        "# while the Norwegian source and the translation are as they were then.\n\n"
    )
    body = "\n".join(_entry(reviews[item]) for item in sorted(reviews))
    path = review_path(translations_dir, lang)
    path.write_text(header + body, encoding="utf-8")


def review_of_page(
    content_dir: Path, lang: str, page_id: str, by: str, on: datetime.date
) -> Review:
    """Return the review of one page as it is now, by ``by`` on ``on``."""
    path, source = page_paths(content_dir, lang, page_id)
    if not path.exists():
        raise FileNotFoundError(path)
    if not translates_current_source(path, source, page_id):
        raise ValueError(
            f"{path} translates an older Norwegian version: update it first"
        )
    return Review(page_id, by, on, source_version(source), file_version(path))


def review_of_catalog(path: Path, item: str, by: str, on: datetime.date) -> Review:
    """Return the review of one catalog file as it is now."""
    return Review(item, by, on, "", file_version(path))
