"""Interface strings: the template is current and every catalog translates it."""

import pytest
from babel.messages.pofile import read_po

from kiosk.config import TRANSLATIONS_DIR
from kiosk.i18n import catalogs
from kiosk.i18n.languages import load_languages


def messages_of(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def test_committed_template_holds_every_string_in_the_code(tmp_path):
    fresh = tmp_path / "messages.pot"
    catalogs.extract(output=fresh)
    extracted = {m.id for m in messages_of(fresh) if m.id}
    committed = {m.id for m in messages_of(catalogs.POT_FILE) if m.id}
    assert "Change language" in extracted
    assert extracted - committed == set(), "run: kiosk i18n extract && update"


SERVED = [code for code in load_languages(TRANSLATIONS_DIR)[0] if code != "en"]


@pytest.mark.parametrize("lang", SERVED)
def test_catalog_translates_every_string(lang):
    """Once a language is served, every interface string lands in it (drafts too)."""
    template = {m.id for m in messages_of(catalogs.POT_FILE) if m.id}
    catalog = messages_of(catalogs.catalog_path(lang))
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    assert template - translated == set()


def test_compile_writes_mo_files(tmp_path):
    target = tmp_path / "nb" / "LC_MESSAGES"
    target.mkdir(parents=True)
    source = catalogs.catalog_path("nb", TRANSLATIONS_DIR)
    (target / "messages.po").write_bytes(source.read_bytes())
    assert catalogs.compile_all(tmp_path) == [target / "messages.po"]
    assert (target / "messages.mo").stat().st_size > 0
