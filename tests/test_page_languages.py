"""No kiosk page is mostly in another language than the one the reader chose.

Measured on the rendered pages: a sentence of at least four words that the same
page also shows, word for word, in English or Norwegian is in another language
(a fallback). Every page of every language must keep that share small.
"""

import re

import pytest

from kiosk.library.documents import KINDS
from tests.served import SERVED

MOST = 0.05  # at most one sentence in twenty may be the same as in en or nb
TAG = re.compile(r"<[^>]+>")
MAIN = re.compile(r"<main[^>]*>(.*?)</main>", re.DOTALL)
SKIPPED = re.compile(r"<(code|bdi|script|style)\b[^>]*>.*?</\1>", re.DOTALL)
SENTENCE_END = re.compile(r"(?<=[.!?؟።])\s+|\n+")
WORD = re.compile(r"[^\W\d_]{2,}")
ISLANDS = {"nb": ["en"], "nn": ["en"], "se": ["nb", "en"], "en": ["nb"]}


def _sentences(html: str) -> set[str]:
    main = MAIN.search(html)
    text = SKIPPED.sub(" ", main.group(1) if main else html)
    text = TAG.sub("\n", text)
    parts = (" ".join(part.split()) for part in SENTENCE_END.split(text))
    return {part for part in parts if len(WORD.findall(part)) >= 4}


def _paths(client) -> list[str]:
    from kiosk.views import career_library

    with client.application.app_context():
        library = career_library()
        documents = [
            f"/{{lang}}/library/{kind}/{doc.slug}"
            for kind in KINDS
            for doc in library.of_kind(kind)
        ]
    pages = ["/{lang}/", "/{lang}/guidance", "/{lang}/topics", "/{lang}/websites"]
    forms = ["/{lang}/request", "/{lang}/status", "/{lang}/feedback", "/{lang}/events"]
    return [*pages, "/{lang}/glossary", "/{lang}/library", *forms, *documents]


@pytest.mark.parametrize("lang", [code for code in SERVED if code != "nb"])
def test_every_page_is_in_the_readers_language(client, lang):
    others = ISLANDS.get(lang, ["en", "nb"])
    mostly_other = {}
    for template in _paths(client):
        mine = _sentences(client.get(template.format(lang=lang)).get_data(True))
        theirs = set()
        for other in others:
            theirs |= _sentences(client.get(template.format(lang=other)).get_data(True))
        foreign = mine & theirs
        if mine and len(foreign) / len(mine) > MOST:
            mostly_other[template] = sorted(foreign)[:3]
    assert mostly_other == {}
