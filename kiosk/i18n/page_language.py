"""Languages in the web apps: the ``/<lang>/`` URL prefix, Flask-Babel, fallbacks."""

import logging
import re

from babel import support
from flask import current_app, g, has_app_context, has_request_context
from flask_babel import Babel, Domain, force_locale, get_locale, gettext
from markupsafe import Markup
from werkzeug.routing import BaseConverter

from kiosk.i18n.languages import Language, load_languages

log = logging.getLogger(__name__)


class _NotedFallback(support.NullTranslations):
    """The next language in a chain; a string found here notes its language.

    A string this language lacks goes on to the next link, so nn -> nb -> en
    marks an English string as English, never as nb.
    """

    def __init__(self, inner: support.NullTranslations, code: str):
        super().__init__()
        self._inner = inner
        self._code = code

    def _has(self, key) -> bool:
        catalog = getattr(self._inner, "_catalog", None)
        if catalog is None:  # no catalog: the msgids themselves (English)
            return True
        if key in catalog:
            return True
        fallback = getattr(self._inner, "_fallback", None)  # another domain
        return fallback is not None and key in getattr(fallback, "_catalog", {})

    def _note(self) -> None:
        if has_request_context():
            g.untranslated_strings = True
            g.fallback_language = self._code

    def gettext(self, message):
        if not self._has(message) and self._fallback is not None:
            return self._fallback.gettext(message)
        self._note()
        return self._inner.gettext(message)

    def ngettext(self, singular, plural, n):
        if not self._has((singular, 0)) and self._fallback is not None:
            return self._fallback.ngettext(singular, plural, n)
        self._note()
        return self._inner.ngettext(singular, plural, n)

    def pgettext(self, context, message):
        self._note()
        return self._inner.pgettext(context, message)

    def npgettext(self, context, singular, plural, n):
        self._note()
        return self._inner.npgettext(context, singular, plural, n)


class FallbackDomain(Domain):
    """Flask-Babel's domain, but a missing string falls back along the chain.

    nn falls back to nb, then to the English msgid; a catalog that cannot be
    loaded is logged and skipped, so a broken file never breaks a page.
    """

    def __init__(
        self,
        translations_dir: str,
        chains: dict[str, list[str]],
        domains: tuple[str, ...] = ("messages",),
    ):
        super().__init__(translation_directories=[translations_dir])
        self._directory = translations_dir
        self._chains = chains
        self._domains = domains
        self._loaded: dict[str, support.NullTranslations] = {}

    def _load_domain(self, code: str, domain: str) -> support.NullTranslations:
        try:
            return support.Translations.load(self._directory, [code], domain)
        except Exception:  # a corrupt .mo must not take a page down
            log.exception("catalog %s for %s could not be loaded", domain, code)
            return support.NullTranslations()

    def _load(self, code: str) -> support.NullTranslations:
        """Return one language's catalogs: its own domain first, then the shared."""
        first, *others = (self._load_domain(code, d) for d in self._domains)
        for other in others:
            if isinstance(other, support.Translations):
                first.add_fallback(other)
        return first

    def get_translations(self):
        """Return the catalog of the current locale with its fallbacks."""
        if not has_app_context():
            return support.NullTranslations()
        code = str(get_locale())
        if code not in self._loaded:
            chain = self._chains.get(code, [code])
            translations = self._load(chain[0])
            for fallback in chain[1:]:
                translations.add_fallback(
                    _NotedFallback(self._load(fallback), fallback)
                )
            self._loaded[code] = translations
        return self._loaded[code]


def _language_converter(codes: list[str]) -> type[BaseConverter]:
    class LanguageConverter(BaseConverter):
        """Matches only the codes of served languages, so others answer 404."""

        regex = "|".join(re.escape(code) for code in sorted(codes, key=len)[::-1])

    return LanguageConverter


def languages() -> dict[str, Language]:
    """Return the served languages of the current app, by code."""
    return current_app.extensions["kiosk.languages"]


def languages_of(app) -> dict[str, Language]:
    """Return the served languages of ``app``, by code (outside a request too)."""
    return app.extensions["kiosk.languages"]


def current_language() -> Language:
    """Return the language of this request: the URL's, else the app's default."""
    served = languages()
    code = g.get("lang") or current_app.config["PAGE_LANGUAGE"]
    return served.get(code) or served.get("en") or next(iter(served.values()))


def chain_of(served: dict[str, Language], code: str) -> list[str]:
    chain = [code]
    for fallback in served[code].fallbacks:
        if fallback in served and fallback not in chain:
            chain.append(fallback)
    return chain


def _interface_chain(served: dict[str, Language], code: str) -> list[str]:
    """Catalogs to try for interface strings: English msgids end every chain."""
    chain = chain_of(served, code)
    return chain[: chain.index("en") + 1] if "en" in chain else chain


def content_chains(app) -> dict[str, list[str]]:
    """Return every served language's content fallback chain (for the search index)."""
    served = app.extensions["kiosk.languages"]
    return {code: chain_of(served, code) for code in served}


def fallback_chain(code: str) -> list[str]:
    """Return ``code`` followed by the languages its readers fall back to."""
    return chain_of(languages(), code)


def in_language(code: str, message: str, **variables) -> str:
    """Return the interface string ``message`` translated into language ``code``."""
    with force_locale(code):
        return gettext(message, **variables)


def translate(message, **variables) -> tuple[str, str | None]:
    """Translate an interface string; return it and the language it fell back to.

    ``message`` is an English msgid, or a lazy string made in Python (a form
    label, an error) that is translated now.
    """
    g.fallback_language = None
    if isinstance(message, str):
        translated = gettext(message, **variables)
    else:
        translated = str(message)
    return translated, g.pop("fallback_language", None)


def mark_language(translated: str, code: str | None) -> Markup | str:
    """Wrap text that fell back to language ``code`` in a span with its lang."""
    if not code:
        return translated
    direction = languages()[code].direction if code in languages() else "ltr"
    return Markup('<span lang="%s" dir="%s">%s</span>') % (code, direction, translated)


def text(message, **variables) -> Markup | str:
    """Translate an interface string shown as text; a fallback carries its own lang.

    Use it in text position only: an attribute or a <title> cannot hold markup.
    """
    return mark_language(*translate(message, **variables))


def _select_locale() -> str:
    return current_language().code


def _pull_language(_endpoint, values) -> None:
    if values and "lang" in values:
        g.lang = values.pop("lang")


def _add_language(endpoint, values) -> None:
    if "lang" in values or not g.get("lang"):
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "lang"):
        values["lang"] = g.lang


def init_app(app, page_language: str) -> None:
    """Load the languages, route ``/<lang>/`` and pick the locale from the URL."""
    served, problems = load_languages(app.config["TRANSLATIONS_DIR"])
    for problem in problems:
        app.logger.error("language file skipped: %s", problem)
    if not served:
        raise SystemExit("no usable language under translations/")
    app.extensions["kiosk.languages"] = served
    app.extensions["kiosk.language_problems"] = problems
    app.config["PAGE_LANGUAGE"] = page_language
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(app.config["TRANSLATIONS_DIR"])
    app.url_map.converters["lang"] = _language_converter(list(served))
    app.url_value_preprocessor(_pull_language)
    app.url_defaults(_add_language)
    chains = {code: _interface_chain(served, code) for code in served}
    babel = Babel(app, locale_selector=_select_locale)
    domains = ("staff", "messages") if app.config["ROLE"] == "staff" else ("messages",)
    babel.domain_instance = FallbackDomain(
        app.config["BABEL_TRANSLATION_DIRECTORIES"], chains, domains
    )
    app.jinja_env.globals.update(
        current_language=current_language,
        in_language=in_language,
        languages=languages,
        _t=text,
    )
