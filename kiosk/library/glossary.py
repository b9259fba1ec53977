"""The glossary: Norwegian words a reader meets, explained in the reader's language.

Each language has ``content/<lang>/glossary.toml``: one table per term, keyed by
the term's address, with the word in that language, the forms it takes in running
text and a short explanation. Pages mark the first use of each term so that it
explains itself in place, by touch or keyboard, without script.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from kiosk.library.markdown import SOURCE_LANGUAGE, ContentFileError

KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG = re.compile(r"(<[^>]+>)")
AT_LINE = re.compile(r"\(at line (\d+)")
SKIPPED_TAGS = {"h1", "h2", "h3", "code", "button", "a"}


@dataclass(frozen=True)
class Term:
    """One glossary entry in one language."""

    key: str
    lang: str
    term: str
    forms: tuple[str, ...]
    explanation: str


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() == f"[{key}]":
            return number
    return 1


def read_glossary(path: Path) -> dict[str, Term]:
    """Read one language's glossary file; raise ContentFileError with file:line."""
    lang = path.parent.name
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = AT_LINE.search(str(error))
        line = int(found.group(1)) if found else 1
        raise ContentFileError(path, line, f"glossary: {error}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ContentFileError(path, 1, f"cannot be read: {error}") from error
    terms = {}
    for key, entry in data.items():
        line = _line_of(text, key)
        if not KEY.match(key) or not isinstance(entry, dict):
            raise ContentFileError(path, line, f"{key!r}: a [lower-case-key] table")
        missing = [f for f in ("term", "explanation") if not entry.get(f)]
        if missing:
            raise ContentFileError(path, line, f"{key}: missing {', '.join(missing)}")
        forms = [str(form) for form in entry.get("forms", []) if str(form).strip()]
        terms[key] = Term(
            key=key,
            lang=lang,
            term=str(entry["term"]).strip(),
            forms=tuple(forms or [str(entry["term"])]),
            explanation=str(entry["explanation"]).strip(),
        )
    return terms


class Glossary:
    """Every language's glossary, loaded once; broken files are reported, not fatal."""

    def __init__(self, content_dir: Path):
        self.problems: list[str] = []
        self._terms: dict[str, dict[str, Term]] = {}
        for path in sorted(content_dir.glob("*/glossary.toml")):
            try:
                self._terms[path.parent.name] = read_glossary(path)
            except ContentFileError as error:
                self.problems.append(str(error))
        self._patterns: dict[str, re.Pattern | None] = {}
        self._forms: dict[str, dict[str, str]] = {}

    def keys(self) -> list[str]:
        """Return the keys of the Norwegian glossary, in its order."""
        return list(self._terms.get(SOURCE_LANGUAGE, {}))

    def term(self, key: str, chain: list[str]) -> Term | None:
        """Return the entry ``key`` in the first language of ``chain`` that has it."""
        for lang in [*chain, SOURCE_LANGUAGE]:
            found = self._terms.get(lang, {}).get(key)
            if found is not None:
                return found
        return None

    def norwegian(self, key: str) -> str:
        """Return the Norwegian word of ``key``, shown beside every translation."""
        found = self._terms.get(SOURCE_LANGUAGE, {}).get(key)
        return found.term if found else key

    def entries(self, chain: list[str]) -> list[Term]:
        """Return every entry for a reader of ``chain``, sorted by the shown word."""
        found = [self.term(key, chain) for key in self.keys()]
        return sorted(
            (term for term in found if term is not None),
            key=lambda term: term.term.casefold(),
        )

    def pattern(self, lang: str) -> re.Pattern | None:
        """Return one pattern for every form of text in ``lang`` (and Norwegian)."""
        if lang not in self._patterns:
            forms = {}
            for code in dict.fromkeys([lang, SOURCE_LANGUAGE]):
                for term in self._terms.get(code, {}).values():
                    for form in term.forms:
                        forms.setdefault(form.casefold(), term.key)
            self._forms[lang] = forms
            ordered = sorted(forms, key=len, reverse=True)
            self._patterns[lang] = (
                re.compile(
                    r"(?<!\w)(" + "|".join(re.escape(f) for f in ordered) + r")(?!\w)",
                    re.IGNORECASE,
                )
                if ordered
                else None
            )
        return self._patterns[lang]

    def key_of(self, lang: str, form: str) -> str:
        """Return the key of a matched ``form`` in text of ``lang``."""
        self.pattern(lang)
        return self._forms[lang][form.casefold()]


def mark_terms(html: str, lang: str, glossary: Glossary, explain) -> Markup:
    """Mark the first use of each glossary term in ``html`` (text in ``lang``).

    ``explain(key, shown)`` returns the markup of one marked term. Headings,
    code (web addresses), links and buttons are left alone.
    """
    pattern = glossary.pattern(lang)
    if pattern is None:
        return Markup(html)
    marked: set[str] = set()
    skipping: list[str] = []
    pieces = []
    for piece in TAG.split(html):
        if piece.startswith("<"):
            _track(piece, skipping)
            pieces.append(piece)
        elif skipping or not piece.strip():
            pieces.append(piece)
        else:
            pieces.append(_mark_text(piece, lang, glossary, marked, pattern, explain))
    return Markup("".join(pieces))


def _track(tag: str, skipping: list[str]) -> None:
    name = tag.strip("</>").split()[0].lower() if tag.strip("</>") else ""
    if name in SKIPPED_TAGS:
        if tag.startswith("</"):
            if skipping:
                skipping.pop()
        elif not tag.endswith("/>"):
            skipping.append(name)


def _mark_text(text, lang, glossary, marked, pattern, explain) -> str:
    def replace(match: re.Match) -> str:
        key = glossary.key_of(lang, match.group(0))
        if key in marked:
            return match.group(0)
        marked.add(key)
        return str(explain(key, Markup(match.group(0))))

    # The text between tags is already escaped HTML: match on it as it is.
    return pattern.sub(replace, text)
