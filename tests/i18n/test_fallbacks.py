"""Broken or missing translations never take the kiosk down; readers see a fallback."""

import shutil

import pytest
from babel.messages.pofile import read_po, write_po

from kiosk import create_kiosk_app, create_staff_app
from kiosk.config import CONTENT_DIR, TRANSLATIONS_DIR
from kiosk.i18n import catalogs


@pytest.fixture
def broken(tmp_path, settings, database):
    """Settings pointing at a copy of the language files, some broken on purpose."""
    translations, content = tmp_path / "translations", tmp_path / "content"
    shutil.copytree(
        TRANSLATIONS_DIR, translations, ignore=shutil.ignore_patterns("*.mo")
    )
    shutil.copytree(CONTENT_DIR, content)
    pl_po = translations / "pl" / "LC_MESSAGES" / "messages.po"
    pl_po.write_text('msgid "half\nmsgstr [', encoding="utf-8")
    (content / "ar" / "topics.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (content / "ru" / "websites.md").unlink()
    (translations / "xx").mkdir()
    (translations / "xx" / "language.toml").write_text("name = [", encoding="utf-8")
    compiled = catalogs.compile_all(translations)
    assert pl_po not in compiled
    return {**settings, "TRANSLATIONS_DIR": translations, "CONTENT_DIR": content}


def untranslate(settings: dict, lang: str, *msgids: str) -> None:
    """Empty the translations of ``msgids`` in ``lang``'s catalog and recompile."""
    po = settings["TRANSLATIONS_DIR"] / lang / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for msgid in msgids:
        catalog.get(msgid).string = ""
    with po.open("wb") as handle:
        write_po(handle, catalog, width=0)
    catalogs.compile_all(settings["TRANSLATIONS_DIR"])


def test_kiosk_starts_and_serves_with_broken_files(broken):
    client = create_kiosk_app(broken).test_client()
    page = client.get("/pl/request")
    assert page.status_code == 200
    assert "Ask for a conversation" in page.get_data(as_text=True)  # English fallback
    assert client.get("/xx/").status_code == 404


def test_a_broken_page_falls_back_visibly_with_its_own_lang(broken):
    client = create_kiosk_app(broken).test_client()
    page = client.get("/ar/topics").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    assert '<article class="content content-topics" lang="en" dir="ltr">' in page
    assert "هذه الصفحة غير مترجمة إلى لغتك بعد" in page
    assert '<p class="notice" lang="ar" dir="rtl">' in page


def test_a_missing_page_falls_back_visibly(broken):
    client = create_kiosk_app(broken).test_client()
    page = client.get("/ru/websites").get_data(as_text=True)
    assert 'lang="en" dir="ltr">' in page and "utdanning.no" in page
    assert 'class="notice" lang="ru"' in page


def test_staff_see_the_problems(broken, db_session):
    from kiosk import accounts

    accounts.add(db_session, "anne", "a long password")
    client = create_staff_app(broken).test_client()
    client.post("/login", data={"username": "anne", "password": "a long password"})
    page = client.get("/translations").get_data(as_text=True)
    assert "pl/LC_MESSAGES/messages.po:1: syntax" in page
    assert "ar/topics.md:" in page
    assert "xx/language.toml" in page
    detail = client.get("/translations/ru").get_data(as_text=True)
    assert "/translations/ru/websites" in detail
    page = client.get("/translations/ru/websites").get_data(as_text=True)
    assert "Norsk kilde" in page


def test_nynorsk_strings_fall_back_to_bokmal_before_english(broken):
    untranslate(broken, "nn", "Change language")
    page = create_kiosk_app(broken).test_client().get("/nn/").get_data(as_text=True)
    assert '<span lang="nb" dir="ltr">Bytt språk</span>' in page  # Bokmål, marked


def test_an_untranslated_string_is_shown_in_english_and_the_page_says_so(broken):
    untranslate(broken, "ro", "Change language")
    client = create_kiosk_app(broken).test_client()
    page = client.get("/ro/").get_data(as_text=True)
    assert '<span lang="en" dir="ltr">Change language</span>' in page
    assert "Unele cuvinte de pe această pagină nu sunt încă traduse" in page
    complete = client.get("/lt/").get_data(as_text=True)
    assert "dar neišversti" not in complete


def test_an_english_fallback_on_a_right_to_left_page_is_marked_ltr(broken):
    untranslate(broken, "fa", "Ask for a conversation")
    page = (
        create_kiosk_app(broken).test_client().get("/fa/request").get_data(as_text=True)
    )
    assert '<span lang="en" dir="ltr">Ask for a conversation</span>' in page
    assert "<title>Ask for a conversation" in page  # a title holds plain text only


def test_complete_catalogs_add_no_marks(client):
    page = client.get("/ar/request").get_data(as_text=True)
    assert '<span lang="en"' not in page


def test_a_form_label_made_in_python_is_marked_when_it_falls_back(broken):
    untranslate(broken, "lt", "Your name", "Please write your name.")
    client = create_kiosk_app({**broken, "WTF_CSRF_ENABLED": False}).test_client()
    page = client.post("/lt/request", data={"unit": "A"}).get_data(as_text=True)
    assert '<span lang="en" dir="ltr">Your name</span>' in page
    assert '<span lang="en" dir="ltr">Please write your name.</span>' in page
