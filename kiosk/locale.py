"""Languages in the web apps: the ``/<lang>/`` URL prefix, Flask-Babel, fallbacks."""

import re

from flask import current_app, g
from flask_babel import Babel, force_locale, gettext
from werkzeug.routing import BaseConverter

from kiosk.languages import Language, load_languages


def _language_converter(codes: list[str]) -> type[BaseConverter]:
    class LanguageConverter(BaseConverter):
        """Matches only the codes of served languages, so others answer 404."""

        regex = "|".join(re.escape(code) for code in sorted(codes, key=len)[::-1])

    return LanguageConverter


def languages() -> dict[str, Language]:
    """Return the served languages of the current app, by code."""
    return current_app.extensions["kiosk.languages"]


def current_language() -> Language:
    """Return the language of this request: the URL's, else the app's default."""
    served = languages()
    code = g.get("lang") or current_app.config["PAGE_LANGUAGE"]
    return served.get(code) or served.get("en") or next(iter(served.values()))


def fallback_chain(code: str) -> list[str]:
    """Return ``code`` followed by the languages its readers fall back to."""
    chain = [code]
    for fallback in languages()[code].fallbacks:
        if fallback in languages() and fallback not in chain:
            chain.append(fallback)
    return chain


def in_language(code: str, message: str) -> str:
    """Return the interface string ``message`` translated into language ``code``."""
    with force_locale(code):
        return gettext(message)


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
    Babel(app, locale_selector=_select_locale)
    app.jinja_env.globals.update(
        current_language=current_language, in_language=in_language, languages=languages
    )
