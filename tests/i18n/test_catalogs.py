"""Interface strings: the template is current and every catalog translates it."""

import pytest
from babel.messages.pofile import read_po

from kiosk.config import TRANSLATIONS_DIR
from kiosk.i18n import catalogs
from kiosk.i18n.languages import load_languages


def messages_of(path):
    with open(path, "rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("domain", catalogs.DOMAINS)
def test_committed_templates_hold_every_string_in_the_code(tmp_path, domain):
    fresh = tmp_path / f"{domain}.pot"
    catalogs.extract_domain(domain, fresh)
    extracted = {m.id for m in messages_of(fresh) if m.id}
    committed = {m.id for m in messages_of(catalogs.template_path(domain)) if m.id}
    assert extracted and extracted - committed == set(), "run: kiosk i18n extract"


def test_staff_strings_live_in_their_own_domain():
    inmate = {m.id for m in messages_of(catalogs.template_path("messages")) if m.id}
    staff = {m.id for m in messages_of(catalogs.template_path("staff")) if m.id}
    assert "Request queue" in staff and "Request queue" not in inmate
    assert "Change language" in inmate and "Change language" not in staff
    staff_catalogs = sorted(TRANSLATIONS_DIR.glob("*/LC_MESSAGES/staff.po"))
    assert [path.parent.parent.name for path in staff_catalogs] == ["nb"]


def test_nb_translates_every_staff_string():
    template = {m.id for m in messages_of(catalogs.template_path("staff")) if m.id}
    catalog = messages_of(catalogs.catalog_path("nb", domain="staff"))
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    assert template - translated == set()


SERVED = [code for code in load_languages(TRANSLATIONS_DIR)[0] if code != "en"]


@pytest.mark.parametrize("lang", SERVED)
def test_catalog_translates_every_string(lang):
    """Once a language is served, every interface string lands in it (drafts too)."""
    template = {m.id for m in messages_of(catalogs.template_path("messages")) if m.id}
    catalog = messages_of(catalogs.catalog_path(lang))
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    assert template - translated == set()


def test_compile_writes_mo_files(tmp_path):
    target = tmp_path / "nb" / "LC_MESSAGES"
    target.mkdir(parents=True)
    source = catalogs.catalog_path("nb", TRANSLATIONS_DIR)
    (target / "messages.po").write_bytes(source.read_bytes())
    (target / "staff.po").write_bytes(
        catalogs.catalog_path("nb", TRANSLATIONS_DIR, "staff").read_bytes()
    )
    assert catalogs.compile_all(tmp_path) == [
        target / "messages.po",
        target / "staff.po",
    ]
    assert (target / "messages.mo").stat().st_size > 0
    assert (target / "staff.mo").stat().st_size > 0
