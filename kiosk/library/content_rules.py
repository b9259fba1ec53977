"""Rules the Norwegian source keeps, each catching a class of error readers act on.

A content review found facts that had gone wrong in a whole class of pages: the
front matter saying no police certificate where the text says one is needed,
municipal health and care work not marked as requiring one, "viser om du er
straffet" where an attest can only show what its law lists, programme names
that changed, and idioms a second-language reader cannot follow. These rules
make ``kiosk content check`` refuse each class, with the file and line to fix.
"""

import re
from dataclasses import dataclass
from pathlib import Path

CERTIFICATE_WORDS = re.compile(
    r"politiattest|barneomsorgsattest|kjøreseddel|godkjenning fra politiet",
    re.IGNORECASE,
)
NEEDS = re.compile(r"\b(krever|kreves|kreve|må|trenger|trengs)\b", re.IGNORECASE)
NOT_NEEDED = re.compile(r"\b(ikke|ingen|bare når|kan bare)\b", re.IGNORECASE)
MUNICIPAL_CARE = re.compile(
    r"helse- og omsorgstjenesteloven|kommunal(e)? helse og omsorg", re.IGNORECASE
)
NO_LAW = re.compile(r"ingen lov krever politiattest", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Wording:
    """A phrase that must not appear, why, and a phrase that excuses it nearby."""

    phrase: re.Pattern
    problem: str
    excused_by: re.Pattern | None = None


WORDINGS = (
    Wording(
        re.compile(r"\bviser om du er straffet", re.IGNORECASE),
        'write "kan vise": an attest shows only what the law behind it lists',
    ),
    Wording(
        re.compile(r"teknikk og industriell produksjon|\bTIP\b"),
        "the programme is teknologi- og industrifag since 2020",
        re.compile(r"\b(før|het)\b", re.IGNORECASE),
    ),
    Wording(
        re.compile(r"grunnskole(opplæring)? for voksne", re.IGNORECASE),
        "since 1 August 2024 it is forberedende opplæring for voksne",
        re.compile(r"\b(før|het)\b", re.IGNORECASE),
    ),
    *(
        Wording(re.compile(idiom, re.IGNORECASE), f"idiom {plain}: say it literally")
        for idiom, plain in (
            (r"står du sterkere", '"står du sterkere"'),
            (r"går opp og ned med økonomien", '"går opp og ned med økonomien"'),
            (r"holder hodet kaldt", '"holder hodet kaldt"'),
            (r"løft(e)? frem", '"løft frem"'),
            (r"bindeleddet", '"bindeleddet"'),
            (r"har sans for", '"har sans for"'),
            (r"før du satser", '"før du satser"'),
        )
    ),
)


def _lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.splitlines(), 1))


def _sentences(line: str) -> list[str]:
    return [part for part in SENTENCE_END.split(line) if part.strip()]


def says_a_certificate_is_needed(sentence: str) -> bool:
    """Tell whether a sentence says a police certificate or check is needed."""
    return bool(
        CERTIFICATE_WORDS.search(sentence)
        and NEEDS.search(sentence)
        and not NOT_NEEDED.search(sentence)
    )


def wording_problems(path: Path, text: str) -> list[str]:
    """Return ``file:line: message`` for every outdated or unclear wording."""
    problems = []
    for number, line in _lines(text):
        for wording in WORDINGS:
            if not wording.phrase.search(line):
                continue
            if wording.excused_by and wording.excused_by.search(line):
                continue
            problems.append(f"{path}:{number}: {wording.problem}")
    return problems


def certificate_problems(path: Path, text: str, facts: dict) -> list[str]:
    """Return ``file:line: message`` where text and ``police_certificate`` disagree."""
    value = facts.get("police_certificate")
    problems = []
    for number, line in _lines(text):
        needed = any(says_a_certificate_is_needed(s) for s in _sentences(line))
        if value == "none" and needed:
            problems.append(
                f"{path}:{number}: the text says a police certificate or police "
                f"check is needed, but police_certificate is none"
            )
        if value == "required" and NO_LAW.search(line):
            problems.append(
                f"{path}:{number}: the text says no law asks for a police "
                f"certificate, but police_certificate is required"
            )
        if (
            facts.get("sector") == "health-care"
            and MUNICIPAL_CARE.search(line)
            and value != "required"
        ):
            problems.append(
                f"{path}:{number}: municipal health and care work needs a police "
                f"certificate from everyone since 2017: police_certificate: required"
            )
    return problems
