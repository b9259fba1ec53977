"""One term for one thing: each language's product terms, and the checks on them.

``translations/<lang>/terms.toml`` names the one word a language uses for each
product concept (queue, waiting list, request, counsellor ...), the stems that
count as that word, and the words that must not be used for it. The checks find
an interface string or a page that uses a forbidden word for a concept, and two
concepts that share one word (a reader could not tell them apart).
"""

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

TERMS_FILE = "terms.toml"


@dataclass(frozen=True)
class Concept:
    """One product concept in one language."""

    key: str
    term: str
    stems: tuple[str, ...]
    avoid: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Finding:
    """A terms problem, as ``file:line: message``."""

    path: Path
    line: int
    message: str


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() in (f"[{key}]", f'["{key}"]'):
            return number
    return 1


def read_terms(path: Path) -> tuple[dict[str, Concept], list[Finding]]:
    """Read one terms file; return its concepts and the problems found in it."""
    if not path.exists():
        return {}, []
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        line = int(found.group(1)) if found else 1
        return {}, [Finding(path, line, f"terms: {error}")]
    concepts, findings, owners = {}, [], {}
    for key, entry in data.items():
        line = _line_of(text, key)
        term = str(entry.get("term", "")).strip() if isinstance(entry, dict) else ""
        if not term:
            findings.append(Finding(path, line, f"{key}: term is missing"))
            continue
        stems = tuple(str(s) for s in entry.get("stems", []) if str(s).strip())
        avoid = tuple(str(s) for s in entry.get("avoid", []) if str(s).strip())
        concepts[key] = Concept(key, term, stems or (term,), avoid, line)
        other = owners.setdefault(term.casefold(), key)
        if other != key:
            findings.append(
                Finding(
                    path,
                    line,
                    f"{key} and {other} share the word {term!r}: "
                    f"a reader cannot tell them apart",
                )
            )
    return concepts, findings


@functools.lru_cache(maxsize=4096)
def _compiled(stems: tuple[str, ...]) -> re.Pattern | None:
    if not stems:
        return None
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def _pattern(stems) -> re.Pattern | None:
    return _compiled(tuple(stems))


def mentions(text: str, stems) -> bool:
    """Tell whether ``text`` holds a word that begins with one of ``stems``."""
    pattern = _pattern(stems)
    return bool(pattern and pattern.search(text))


def forbidden_in(text: str, concept: Concept) -> str | None:
    """Return the forbidden word of ``concept`` that ``text`` uses, if any."""
    pattern = _pattern(concept.avoid)
    found = pattern.search(text) if pattern else None
    return found.group(0) if found else None


def catalog_findings(
    path: Path, messages, english: dict[str, Concept], concepts: dict[str, Concept]
) -> list[Finding]:
    """Return strings that name a concept (in English) with a forbidden word."""
    findings = []
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        translated = " ".join(s for s in strings if s)
        if not ids[0] or not translated:
            continue
        for key, source in english.items():
            concept = concepts.get(key)
            if concept is None or not mentions(" ".join(ids), source.stems):
                continue
            word = forbidden_in(translated, concept)
            if word:
                findings.append(
                    Finding(
                        path,
                        message.lineno,
                        f"{word!r} is not the word for {key} here, use "
                        f"{concept.term!r}: {ids[0]!r}",
                    )
                )
    return findings


def page_findings(
    path: Path,
    text: str,
    source_text: str,
    source: dict[str, Concept],
    concepts: dict[str, Concept],
) -> list[Finding]:
    """Return lines of a translated page that use a forbidden word for a concept.

    Only concepts the Norwegian page names are checked, and a forbidden word is
    allowed where the Norwegian page also names the concept that word belongs to.
    """
    named = {k for k, c in source.items() if mentions(source_text, c.stems)}
    findings = []
    for key in sorted(named):
        concept = concepts.get(key)
        if concept is None:
            continue
        allowed = [
            other
            for other_key, other in concepts.items()
            if other_key != key and other_key in named
        ]
        for number, line in enumerate(text.splitlines(), 1):
            word = forbidden_in(line, concept)
            if word and not any(mentions(word, other.stems) for other in allowed):
                findings.append(
                    Finding(
                        path,
                        number,
                        f"{word!r} is not the word for {key} here, "
                        f"use {concept.term!r}",
                    )
                )
    return findings
