"""Content pages: Markdown made safe, front matter checked, language fallbacks."""

import re

import pytest

from kiosk.config import CONTENT_DIR, STATIC_DIR, TRANSLATIONS_DIR
from kiosk.i18n.languages import load_languages
from kiosk.library.markdown import ContentFileError, MarkdownRenderer, icon_names
from kiosk.library.pages import GuidancePages, read_page

ICONS = icon_names(STATIC_DIR)


@pytest.fixture
def renderer():
    return MarkdownRenderer(ICONS)


def test_raw_html_links_and_images_never_survive(renderer):
    html = renderer.render(
        "<script>alert(1)</script>\n\n[click](http://evil.example) "
        "<http://evil.example> ![x](http://evil.example/x.png) "
        '<a href="http://evil.example">a</a>'
    )
    assert "<script" not in html
    assert "<a" not in html and "<img" not in html
    assert "&lt;a href=" in html  # shown as text, not a link


def test_only_known_icon_classes_are_kept(renderer):
    html = renderer.render("{.icon-compass}\n## Kept\n\n{.icon-nope}\n## Dropped\n")
    assert '<h2 class="icon-compass">Kept</h2>' in html
    assert "icon-nope" not in html


def test_addresses_render_as_code(renderer):
    assert "<code>utdanning.no</code>" in renderer.render("Se `utdanning.no`.")


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_broken_front_matter_names_file_and_line(tmp_path, renderer):
    path = write(tmp_path / "nb" / "x.md", "---\ntitle: [unclosed\nnav: X\n---\nBody\n")
    with pytest.raises(
        ContentFileError, match=rf"^{re.escape(str(path))}:\d+: front matter"
    ):
        read_page(path, renderer)


def test_missing_fields_are_reported(tmp_path, renderer):
    path = write(tmp_path / "nb" / "x.md", "---\ntitle: Tittel\n---\nBody\n")
    with pytest.raises(ContentFileError, match="missing field"):
        read_page(path, renderer)


def test_library_falls_back_and_skips_broken_files(tmp_path):
    write(tmp_path / "nb" / "a.md", "---\ntitle: A nb\nnav: A\norder: 1\n---\nnb\n")
    write(tmp_path / "en" / "a.md", "---\ntitle: A en\nnav: A\norder: 1\n---\nen\n")
    write(tmp_path / "nb" / "b.md", "---\ntitle: B nb\nnav: B\norder: 2\n---\nnb\n")
    write(tmp_path / "ar" / "b.md", "---\ntitle: [broken\n---\n")
    library = GuidancePages(tmp_path, STATIC_DIR)
    assert len(library.problems) == 1 and "ar/b.md" in library.problems[0]
    view = library.find("a", ["ar", "en"])
    assert view.page.lang == "en" and view.is_fallback
    view = library.find("b", ["ar", "en"])
    assert view.page.lang == "nb" and view.is_fallback
    assert not library.find("a", ["en"]).is_fallback
    assert [v.page.slug for v in library.menu(["en"])] == ["a", "b"]
    assert library.find("missing", ["en"]) is None


def test_committed_content_loads_cleanly():
    library = GuidancePages(CONTENT_DIR, STATIC_DIR)
    assert library.problems == []
    assert library.slugs() == ["home", "guidance", "topics", "websites"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_translations_keep_the_source_structure(lang):
    """Same sections with the same icons as the Norwegian source, in order."""
    for source in sorted((CONTENT_DIR / "nb").glob("*.md")):
        translated = CONTENT_DIR / lang / source.name
        icons = re.compile(r"^\{\.icon-[a-z0-9-]+\}$", re.MULTILINE)
        source_icons = icons.findall(source.read_text(encoding="utf-8"))
        assert icons.findall(translated.read_text(encoding="utf-8")) == source_icons


@pytest.mark.parametrize(
    "lang", [code for code in load_languages(TRANSLATIONS_DIR)[0] if code != "nb"]
)
def test_every_served_language_has_every_guidance_page(lang):
    library = GuidancePages(CONTENT_DIR, STATIC_DIR)
    for slug in library.slugs():
        view = library.find(slug, [lang])
        assert not view.is_fallback, f"{lang}/{slug}.md is missing"
