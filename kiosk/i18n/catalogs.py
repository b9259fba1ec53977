"""Translator tools for the gettext catalogs, calling Babel's own commands.

Two domains: ``messages`` holds what inmates see (and what both listeners
share), translated into every served language; ``staff`` holds the staff pages'
own strings, translated into the staff languages only (nb; en is the source).
A translator of an inmate language never sees a staff string.
"""

import logging
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kiosk.config import PROJECT_ROOT, TRANSLATIONS_DIR
from kiosk.i18n.check import syntax_problems

DOMAINS = ("messages", "staff")
STAFF_LANGUAGES = ("nb",)  # staff strings are written in English, translated to these
MAPPING_FILES = {"messages": "babel.cfg", "staff": "babel-staff.cfg"}
log = logging.getLogger(__name__)


def template_path(domain: str, translations_dir: Path = TRANSLATIONS_DIR) -> Path:
    """Return the template (``.pot``) of one domain."""
    return translations_dir / f"{domain}.pot"


def _pybabel(*arguments: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *arguments]
    subprocess.run(command, check=True, cwd=PROJECT_ROOT)


def catalog_path(
    lang: str, translations_dir: Path = TRANSLATIONS_DIR, domain: str = "messages"
) -> Path:
    """Return the path of the catalog of ``lang`` in ``domain``."""
    return translations_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def extract() -> None:
    """Collect every interface string into the template of its domain."""
    for domain in DOMAINS:
        extract_domain(domain, template_path(domain))


def extract_domain(domain: str, output: Path) -> None:
    """Collect the strings of one domain into ``output``."""
    _pybabel(
        "extract",
        f"--mapping-file={MAPPING_FILES[domain]}",
        "--keywords=_l _t spoken in_language:2",
        "--sort-by-file",
        "--no-wrap",
        "--project=karriere-kiosk",
        f"--output-file={output}",
        "--ignore-dirs=.* _* instance tests static content translations",
        ".",
    )


def update() -> None:
    """Merge each template into the catalogs of its domain."""
    _pybabel(
        "update",
        f"--input-file={template_path('messages')}",
        f"--output-dir={TRANSLATIONS_DIR}",
        "--no-wrap",
        "--ignore-obsolete",
    )
    for lang in STAFF_LANGUAGES:
        command = "update" if catalog_path(lang, domain="staff").exists() else "init"
        extra = ["--ignore-obsolete"] if command == "update" else []
        _pybabel(
            command,
            "--domain=staff",
            f"--input-file={template_path('staff')}",
            f"--output-dir={TRANSLATIONS_DIR}",
            f"--locale={lang}",
            "--no-wrap",
            *extra,
        )


LANGUAGE_TEMPLATE = """\
# How the kiosk shows this language. Review state is kept per page and
# catalog in review.toml (kiosk i18n mark-reviewed LANG PAGE --by NAME).
name = "{lang}"            # the language's own name, in its own script
english_name = "{lang}"
direction = "ltr"          # "rtl" for Arabic, Persian and other right-to-left scripts
fallbacks = ["en"]
order = 50
"""


def new_language(lang: str, translations_dir: Path = TRANSLATIONS_DIR) -> None:
    """Start a catalog and a language.toml for ``lang`` from the template."""
    description = translations_dir / lang / "language.toml"
    if not description.exists():
        description.parent.mkdir(parents=True, exist_ok=True)
        description.write_text(LANGUAGE_TEMPLATE.format(lang=lang), encoding="utf-8")
    _pybabel(
        "init",
        f"--input-file={template_path('messages')}",
        f"--output-dir={TRANSLATIONS_DIR}",
        f"--locale={lang}",
        "--no-wrap",
    )


def compile_all(translations_dir: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every readable catalog to ``.mo``; a broken one is logged and skipped."""
    compiled = []
    for po_path in sorted(translations_dir.glob("*/LC_MESSAGES/*.po")):
        problems = syntax_problems(po_path)
        if problems:
            log.error("not compiled, the kiosk falls back: %s", problems[0])
            po_path.with_suffix(".mo").unlink(missing_ok=True)
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
        compiled.append(po_path)
    return compiled
