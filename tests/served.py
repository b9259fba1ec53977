"""The languages the kiosk serves, for tests parametrised over languages."""

from kiosk.config import TRANSLATIONS_DIR
from kiosk.i18n.languages import load_languages

LANGUAGES = load_languages(TRANSLATIONS_DIR)[0]
SERVED = list(LANGUAGES)
