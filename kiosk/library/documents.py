"""The offline career library: occupations, education routes and job-seeking guides.

Documents live in ``content/<lang>/<kind>/<slug>.md``. The Norwegian file holds the
facts that do not depend on language (STYRK code, sector, routes, police certificate,
related occupations); a translation holds at least a title and a summary, and its
body where it has been translated. A reader sees their language where it exists and
the fallback language, marked, where it does not.
"""

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.library.content_rules import certificate_problems, wording_problems
from kiosk.library.markdown import (
    SOURCE_LANGUAGE,
    ContentFileError,
    MarkdownRenderer,
    read_content_file,
)

log = logging.getLogger(__name__)

KINDS = ("occupations", "education", "guides")
SECTORS = (
    "building-construction",
    "transport-logistics",
    "food-hospitality",
    "industry",
    "property-cleaning",
    "farming-fishing-forestry",
    "retail-sales",
    "health-care",
    "it-office",
    "beauty",
    "childhood-youth",
    "sport-activity",
    "self-employment",
)
INTERESTS = ("hands-on", "people", "machines", "outdoors", "numbers", "creative")
ROUTES = (
    "apprenticeship",
    "fagbrev-pa-jobb",
    "praksiskandidat",
    "laerekandidat",
    "fagskole",
    "university",
    "short-course",
    "driving-licence",
    "none",
)
# none: no law asks for one; some: only some workplaces or tasks (e.g. with
# children), most jobs need none; required: almost every job in it.
POLICE_CERTIFICATE = ("none", "some", "required")
STYRK_CODE = re.compile(r"^\d{4}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Text:
    """The words of one document in one language."""

    lang: str
    title: str
    summary: str
    html: str
    source_version: str
    path: Path


@dataclass
class Document:
    """One library document: its facts and its text in every language it has."""

    kind: str
    slug: str
    facts: dict
    texts: dict[str, Text] = field(default_factory=dict)

    @property
    def order(self) -> int:
        """Place in lists where the kind has a fixed order (education, guides)."""
        return int(self.facts.get("order", 100))

    def text(self, chain: list[str]) -> Text:
        """Return the title and summary in the first language of ``chain`` with them."""
        for lang in [*chain, SOURCE_LANGUAGE]:
            if lang in self.texts:
                return self.texts[lang]
        raise LookupError(self.slug)

    def body(self, chain: list[str]) -> Text:
        """Return the text whose body comes first in ``chain`` (may be a fallback)."""
        for lang in [*chain, SOURCE_LANGUAGE]:
            text = self.texts.get(lang)
            if text is not None and text.html.strip():
                return text
        return self.text(chain)

    def titles(self) -> list[str]:
        """Return the title in every language, for search across languages."""
        return [text.title for text in self.texts.values()]


def read_text(path: Path, renderer: MarkdownRenderer) -> tuple[Text, dict]:
    """Read one library file; return its text and its front matter."""
    found = read_content_file(path)
    fields = found.fields
    for required in ("title", "summary"):
        if not str(fields.get(required) or "").strip():
            raise ContentFileError(path, 1, f"missing field: {required}")
    text = Text(
        lang=path.parent.parent.name,
        title=str(fields["title"]).strip(),
        summary=str(fields["summary"]).strip(),
        html=renderer.render(found.markdown),
        source_version=str(fields.get("source_version", "")),
        path=path,
    )
    return text, fields


def check_facts(kind: str, path: Path, facts: dict) -> list[str]:
    """Return the problems of a Norwegian document's facts, as ``file:line: ...``."""
    if kind != "occupations":
        return []
    problems = []

    def problem(message: str) -> None:
        problems.append(f"{path}:1: {message}")

    no_code = facts.get("sector") == "self-employment" and "styrk" not in facts
    if not no_code and not STYRK_CODE.match(str(facts.get("styrk", ""))):
        problem('styrk must be a four-digit STYRK-08 code in quotes, like "7115"')
    if facts.get("sector") not in SECTORS:
        problem(f"sector must be one of {', '.join(SECTORS)}")
    if not set(facts.get("interests") or []) <= set(INTERESTS):
        problem(f"interests must be among {', '.join(INTERESTS)}")
    if not set(facts.get("routes") or []) <= set(ROUTES):
        problem(f"routes must be among {', '.join(ROUTES)}")
    if facts.get("police_certificate") not in POLICE_CERTIFICATE:
        problem("police_certificate must be none, some or required")
    if any(key in facts for key in ("pay", "pay_amount")) and not (
        facts.get("pay_source") and str(facts.get("pay_year", "")).isdigit()
    ):
        problem("pay needs pay_source and a four-digit pay_year, or must be left out")
    return problems


def source_rule_problems(kind: str, path: Path, facts: dict) -> list[str]:
    """Return the content rules' problems of one Norwegian source document."""
    text = path.read_text(encoding="utf-8")
    problems = wording_problems(path, text)
    if kind == "occupations":
        problems.extend(certificate_problems(path, text, facts))
    return problems


class CareerLibrary:
    """Every library document, loaded once; broken files are reported, not fatal."""

    def __init__(self, content_dir: Path, renderer: MarkdownRenderer):
        self.problems: list[str] = []
        self.documents: dict[tuple[str, str], Document] = {}
        for kind in KINDS:
            self._load_kind(content_dir, kind, renderer)
        self._check_related()

    def _load_kind(self, content_dir: Path, kind: str, renderer) -> None:
        for path in sorted(content_dir.glob(f"*/{kind}/*.md")):
            if not SLUG.match(path.stem):
                self.problems.append(f"{path}:1: file names are lower-case-with-dashes")
                continue
            try:
                text, facts = read_text(path, renderer)
            except ContentFileError as error:
                self.problems.append(str(error))
                continue
            document = self.documents.setdefault(
                (kind, path.stem), Document(kind, path.stem, {})
            )
            if text.lang == SOURCE_LANGUAGE:
                document.facts = facts
                self.problems.extend(check_facts(kind, path, facts))
                self.problems.extend(source_rule_problems(kind, path, facts))
            document.texts[text.lang] = text
        for key, document in list(self.documents.items()):
            if key[0] == kind and SOURCE_LANGUAGE not in document.texts:
                path = next(iter(document.texts.values())).path
                self.problems.append(f"{path}:1: no Norwegian source document")
                del self.documents[key]

    def _check_related(self) -> None:
        for document in self.of_kind("occupations"):
            for slug in document.facts.get("related") or []:
                if ("occupations", slug) not in self.documents:
                    path = document.texts[SOURCE_LANGUAGE].path
                    self.problems.append(
                        f"{path}:1: related occupation {slug!r} not found"
                    )

    def get(self, kind: str, slug: str) -> Document | None:
        """Return one document, or None."""
        return self.documents.get((kind, slug))

    def of_kind(self, kind: str) -> list[Document]:
        """Return the documents of one kind in their order, then by slug."""
        found = [doc for (k, _), doc in self.documents.items() if k == kind]
        return sorted(found, key=lambda doc: (doc.order, doc.slug))

    def occupations(
        self,
        sector: str = "",
        interest: str = "",
        no_certificate: bool = False,
        in_prison: bool = False,
        apprenticeship: bool = False,
    ) -> list[Document]:
        """Return the occupations that match every filter given."""
        result = []
        for doc in self.of_kind("occupations"):
            facts = doc.facts
            if sector and facts.get("sector") != sector:
                continue
            if interest and interest not in (facts.get("interests") or []):
                continue
            if no_certificate and facts.get("police_certificate") == "required":
                continue
            if in_prison and not facts.get("start_in_prison"):
                continue
            if apprenticeship and "apprenticeship" not in (facts.get("routes") or []):
                continue
            result.append(doc)
        return result
