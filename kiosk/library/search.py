"""Search in the library as you type: SQLite FTS5, folded letters, typo tolerance.

The index is a SQLite file built from the content files (at start when the files
changed, and by ``kiosk content reindex``). Every word is folded the same way in the
index and in the query: case, accents and letters such as ø/o, å/a, ą/a and ė/e.
A query becomes quoted prefix terms, so no input can reach FTS5 as syntax. When no
document matches, each term is replaced by the nearest words of the vocabulary
(trigram candidates, then edit distance), so "tomer" still finds "tømrer".
"""

import hashlib
import html
import os
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from kiosk.library.documents import CareerLibrary

SPECIAL_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "đ": "d", "ł": "l", "ŧ": "t", "ŋ": "n", "ß": "ss", "ı": "i"}
)
WORD = re.compile(r"\w+")
# A displayed word: letters with the combining marks between them (é, ّ in نجّار).
MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u200c\u200d"
)
SHOWN_WORD = re.compile(rf"(\w[\w{MARKS}]*)")
TAG = re.compile(r"<[^>]+>")
MAX_QUERY_CHARS = 200
MAX_TERMS = 8
# Typo correction is the one costly step: it is bounded per query, so a long,
# unique query (nothing to reuse from the page cache) costs a millisecond or two.
MAX_CORRECTED_TERMS = 4
MAX_CORRECTED_CHARS = 24  # longer than any word of the vocabulary but a handful
MAX_CANDIDATES = 60
INDEX_VERSION = "2"
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE docs USING fts5(
    title, synonyms, summary, body, kind UNINDEXED, slug UNINDEXED, lang UNINDEXED,
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE VIRTUAL TABLE vocabulary USING fts5(word, tokenize = "trigram");
"""


def fold(text: str) -> str:
    """Return ``text`` as the index sees it: no case, no accents, plain letters."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(SPECIAL_LETTERS)


def terms_of(query: str) -> list[str]:
    """Return the folded words of a query, at most eight, never FTS5 syntax."""
    return WORD.findall(fold(query[:MAX_QUERY_CHARS]))[:MAX_TERMS]


@dataclass(frozen=True)
class Hit:
    """One search result: which document, and the words that matched."""

    kind: str
    slug: str
    terms: tuple[str, ...]


def _plain(fragment: str) -> str:
    return html.unescape(TAG.sub(" ", fragment))


def _rows(library: CareerLibrary, chains: dict[str, list[str]]):
    for lang, chain in chains.items():
        for document in library.documents.values():
            text, body = document.text(chain), document.body(chain)
            yield (
                fold(text.title),
                fold(" ".join(document.titles())),
                fold(text.summary),
                fold(_plain(body.html)),
                document.kind,
                document.slug,
                lang,
            )


def content_fingerprint(library: CareerLibrary, chains: dict[str, list[str]]) -> str:
    """Return a hash of everything the index is built from."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for key in sorted(library.documents):
        for lang, text in sorted(library.documents[key].texts.items()):
            digest.update(f"{key}{lang}{text.title}{text.summary}{text.html}".encode())
    digest.update(repr(sorted(chains.items())).encode())
    return digest.hexdigest()


def build_index(
    path: Path, library: CareerLibrary, chains: dict[str, list[str]]
) -> int:
    """Write a fresh index file next to ``path`` and swap it in; return its rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    temporary.unlink(missing_ok=True)
    connection = sqlite3.connect(temporary)
    try:
        connection.executescript(SCHEMA)
        rows = list(_rows(library, chains))
        connection.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        words = {
            w for row in rows for w in WORD.findall(" ".join(row[:3])) if len(w) > 2
        }
        connection.executemany(
            "INSERT INTO vocabulary VALUES (?)", [(w,) for w in sorted(words)]
        )
        connection.execute(
            "INSERT INTO meta VALUES ('fingerprint', ?)",
            (content_fingerprint(library, chains),),
        )
        connection.commit()
    finally:
        connection.close()
    os.replace(temporary, path)
    return len(rows)


def ensure_index(
    path: Path, library: CareerLibrary, chains: dict[str, list[str]]
) -> bool:
    """Rebuild the index if it is missing or older than the files; tell if it did."""
    wanted = content_fingerprint(library, chains)
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute(
                "SELECT value FROM meta WHERE key = 'fingerprint'"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        row = None
    if row is not None and row[0] == wanted:
        return False
    build_index(path, library, chains)
    return True


def edit_distance(a: str, b: str, most: int | None = None) -> int:
    """Return the Levenshtein distance between two words.

    With ``most``, give up as soon as the distance must exceed it, and return
    ``most + 1``: a far word costs a few steps, not the whole table.
    """
    if most is not None and abs(len(a) - len(b)) > most:
        return most + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(
                    previous[j] + 1,
                    current[j - 1] + 1,
                    previous[j - 1] + (char_a != char_b),
                )
            )
        if most is not None and min(current) > most:
            return most + 1
        previous = current
    return previous[-1]


class Searcher:
    """Read-only searches on the index file, one connection per server thread."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
            )
            self._local.connection = connection
        return connection

    def _match(self, lang: str, groups: list[list[str]], limit: int) -> list[Hit]:
        match = " AND ".join(
            "(" + " OR ".join(f'"{term}"*' for term in group) + ")" for group in groups
        )
        rows = self._connection().execute(
            "SELECT kind, slug FROM docs WHERE docs MATCH ? AND lang = ? "
            "ORDER BY bm25(docs, 10.0, 6.0, 3.0, 1.0) LIMIT ?",
            (match, lang, limit),
        )
        found = tuple(term for group in groups for term in group)
        return [Hit(kind, slug, found) for kind, slug in rows]

    def nearest_words(self, term: str, limit: int = 3, lang: str = "") -> list[str]:
        """Return vocabulary words close to ``term`` (edit distance 1, or 2 if long).

        Of words equally close, the one naming more documents in ``lang`` by
        title or other name comes first: "tomer" is likelier "tømrer" than "tomter".
        """
        if not 4 <= len(term) <= MAX_CORRECTED_CHARS:
            return []
        trigrams = {term[i : i + 3] for i in range(len(term) - 2)}
        query = " OR ".join(f'"{trigram}"' for trigram in sorted(trigrams))
        candidates = [
            word
            for (word,) in self._connection().execute(
                "SELECT word FROM vocabulary WHERE vocabulary MATCH ? "
                "ORDER BY rank LIMIT ?",  # the words sharing most trigrams first
                (query, MAX_CANDIDATES),
            )
        ]
        allowed = 1 if len(term) < 6 else 2
        close = [
            (distance, word)
            for word in candidates
            if (distance := edit_distance(term, word[: len(term) + 2], allowed))
            <= allowed
        ]
        scored = sorted(
            (distance, -self._named_by(word, lang), word) for distance, word in close
        )
        return [word for _, _, word in scored][:limit]

    def _named_by(self, word: str, lang: str) -> int:
        """Return how many documents in ``lang`` have ``word`` in a title or name."""
        if not lang:
            return 0
        (count,) = (
            self._connection()
            .execute(
                "SELECT count(*) FROM docs WHERE docs MATCH ? AND lang = ?",
                (f'{{title synonyms}} : "{word}"', lang),
            )
            .fetchone()
        )
        return count

    def search(self, lang: str, query: str, limit: int = 30) -> list[Hit]:
        """Return the documents for ``query`` in language ``lang``, best first."""
        terms = terms_of(query)
        if not terms:
            return []
        hits = self._match(lang, [[term] for term in terms], limit)
        if hits:
            return hits
        groups = [
            [
                term,
                *(
                    self.nearest_words(term, lang=lang)
                    if i < MAX_CORRECTED_TERMS
                    else ()
                ),
            ]
            for i, term in enumerate(terms)
        ]
        if all(len(group) == 1 for group in groups):
            return []
        # The likeliest reading first, then what the other close words find.
        likeliest = self._match(lang, [group[:2] for group in groups], limit)
        seen = {(hit.kind, hit.slug) for hit in likeliest}
        rest = [
            hit
            for hit in self._match(lang, groups, limit)
            if (hit.kind, hit.slug) not in seen
        ]
        return [*likeliest, *rest][:limit]


def highlight(text: str, terms: tuple[str, ...]) -> Markup:
    """Return ``text`` escaped, with words that start with a search term in <mark>."""
    if not terms:
        return escape(text)
    pieces = []
    for part in SHOWN_WORD.split(text):
        folded = fold(part)
        if (
            part
            and SHOWN_WORD.fullmatch(part)
            and any(folded.startswith(t) for t in terms)
        ):
            pieces.append(Markup("<mark>") + escape(part) + Markup("</mark>"))
        else:
            pieces.append(escape(part))
    return Markup("").join(pieces)
