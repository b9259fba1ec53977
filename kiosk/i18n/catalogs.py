"""Translator tools for the gettext catalogs, calling Babel's own commands."""

import logging
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kiosk.config import PROJECT_ROOT, TRANSLATIONS_DIR
from kiosk.i18n.check import syntax_problems

POT_FILE = TRANSLATIONS_DIR / "messages.pot"
log = logging.getLogger(__name__)


def _pybabel(*arguments: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *arguments]
    subprocess.run(command, check=True, cwd=PROJECT_ROOT)


def catalog_path(lang: str, translations_dir: Path = TRANSLATIONS_DIR) -> Path:
    """Return the path of the ``messages.po`` of ``lang``."""
    return translations_dir / lang / "LC_MESSAGES" / "messages.po"


def extract(output: Path = POT_FILE) -> None:
    """Collect every interface string from code and templates into ``output``."""
    _pybabel(
        "extract",
        "--mapping-file=babel.cfg",
        "--keywords=_l _t spoken in_language:2",
        "--sort-by-file",
        "--no-wrap",
        "--project=karriere-kiosk",
        f"--output-file={output}",
        "--ignore-dirs=.* _* instance tests static content translations",
        ".",
    )


def update() -> None:
    """Merge the template into every language's catalog."""
    _pybabel(
        "update",
        f"--input-file={POT_FILE}",
        f"--output-dir={TRANSLATIONS_DIR}",
        "--no-wrap",
        "--ignore-obsolete",
    )


LANGUAGE_TEMPLATE = """\
# How the kiosk shows this language. Translators: set review = "reviewed"
# only after a qualified translator has read every string and page.
name = "{lang}"            # the language's own name, in its own script
english_name = "{lang}"
direction = "ltr"          # "rtl" for Arabic, Persian and other right-to-left scripts
review = "draft"
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
        f"--input-file={POT_FILE}",
        f"--output-dir={TRANSLATIONS_DIR}",
        f"--locale={lang}",
        "--no-wrap",
    )


def compile_all(translations_dir: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Compile every readable catalog to ``.mo``; a broken one is logged and skipped."""
    compiled = []
    for po_path in sorted(translations_dir.glob("*/LC_MESSAGES/messages.po")):
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
