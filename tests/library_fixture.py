"""Test helper: a small library written to a temporary content folder."""

from pathlib import Path

OCCUPATION = """---
title: {title}
summary: {summary}
styrk: "{styrk}"
sector: {sector}
interests: [hands-on]
routes: [{routes}]
police_certificate: {certificate}
start_in_prison: {prison}
related: [{related}]
---
{{.icon-briefcase}}
## Hva gjør du?

{body}
"""
TRANSLATION = """---
title: {title}
summary: {summary}
---
{body}
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_library(content: Path) -> Path:
    """Write three occupations, one education route and one guide; return the folder."""
    occupations = [
        (
            "carpenter",
            "Tømrer",
            "Du bygger hus i tre.",
            "7115",
            "building-construction",
            "apprenticeship, praksiskandidat",
            "none",
            "true",
            "welder",
            "Du sager, måler og bygger vegger og tak.",
        ),
        (
            "welder",
            "Sveiser",
            "Du skjøter metall med varme.",
            "7212",
            "industry",
            "apprenticeship",
            "none",
            "false",
            "carpenter",
            "Du sveiser rør og plater på verksted.",
        ),
        (
            "healthcare-worker",
            "Helsefagarbeider",
            "Du hjelper syke og eldre.",
            "5321",
            "health-care",
            "apprenticeship, fagbrev-pa-jobb",
            "required",
            "true",
            "",
            "Du hjelper folk med stell og mat. Ąžuolas ėjo.",
        ),
    ]
    for (
        slug,
        title,
        summary,
        styrk,
        sector,
        routes,
        cert,
        prison,
        related,
        body,
    ) in occupations:
        write(
            content / "nb" / "occupations" / f"{slug}.md",
            OCCUPATION.format(
                title=title,
                summary=summary,
                styrk=styrk,
                sector=sector,
                routes=routes,
                certificate=cert,
                prison=prison,
                related=related,
                body=body,
            ),
        )
    english = {
        "carpenter": (
            "Carpenter",
            "You build houses in wood.",
            "{.icon-briefcase}\n## What do you do?\n\nYou saw and build walls.",
        ),
        "welder": ("Welder", "You join metal with heat.", ""),
    }
    for slug, (title, summary, body) in english.items():
        write(
            content / "en" / "occupations" / f"{slug}.md",
            TRANSLATION.format(title=title, summary=summary, body=body),
        )
    write(
        content / "pl" / "occupations" / "welder.md",
        TRANSLATION.format(title="Spawacz", summary="Łączysz metal.", body=""),
    )
    write(
        content / "nb" / "education" / "fagskole.md",
        "---\ntitle: Fagskole\nsummary: Kort og praktisk utdanning.\n"
        "order: 1\n---\nTekst.\n",
    )
    write(
        content / "nb" / "guides" / "cv.md",
        "---\ntitle: Skriv en CV\nsummary: Slik lager du en CV.\n"
        "order: 1\n---\nTekst.\n",
    )
    return content
