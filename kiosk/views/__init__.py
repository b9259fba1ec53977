"""Views, one package per listener: ``inmate`` (kiosk) and ``staff``.

The loaded content lives on the app; views reach it through these getters, so
every key is spelt once.
"""

from flask import current_app

from kiosk.library.audio import AudioLibrary
from kiosk.library.documents import CareerLibrary
from kiosk.library.glossary import Glossary
from kiosk.library.pages import GuidancePages
from kiosk.library.search import Searcher


def guidance_pages() -> GuidancePages:
    """The guidance pages (home, what guidance is, topics, websites)."""
    return current_app.extensions["kiosk.guidance_pages"]


def career_library() -> CareerLibrary:
    """The career library: occupations, education routes and guides."""
    return current_app.extensions["kiosk.career_library"]


def library_search() -> Searcher:
    """The library's search index (kiosk listener only)."""
    return current_app.extensions["kiosk.library_search"]


def glossary_words() -> Glossary:
    """The glossary of Norwegian words, in every language."""
    return current_app.extensions["kiosk.glossary"]


def language_reviews() -> dict[str, str]:
    """Each served language's review state: source, reviewed or draft."""
    from kiosk.i18n.check import review_summaries

    config = current_app.config
    return review_summaries(config["TRANSLATIONS_DIR"], config["CONTENT_DIR"])


def checked_by_a_person(lang: str, page_id: str) -> bool:
    """Tell whether a page's ``lang`` text is the source or reviewed by a person."""
    from kiosk.i18n import review
    from kiosk.library.markdown import SOURCE_LANGUAGE

    if lang == SOURCE_LANGUAGE:
        return True
    config = current_app.config
    try:
        reviews = review.load_reviews(config["TRANSLATIONS_DIR"], lang)
        state = review.page_state(config["CONTENT_DIR"], lang, page_id, reviews)
    except (OSError, review.ReviewFileError):
        return False
    return state == "reviewed"


def kiosk_prison_id() -> int:
    """The prison this kiosk listener serves: ``KIOSK_PRISON``, or the only one."""
    found = current_app.extensions.get("kiosk.prison_id")
    if found is None:
        from kiosk import db, prisons

        with db.session_factory(current_app.config["DATABASE_URL"])() as session:
            prison = prisons.served_by_kiosk(session, current_app.config["PRISON"])
        found = current_app.extensions["kiosk.prison_id"] = prison.id
    return found


def audio_library() -> AudioLibrary:
    """The rendered read-aloud audio and the recordings, shared by both listeners."""
    return current_app.extensions["kiosk.audio"]


def kiosk_settings() -> dict[str, str]:
    """This kiosk's prison settings, read again only when their version changes.

    The version is asked of the database at most once a second (the page cache
    does the same), so a change on the staff listener shows within a second.
    """
    version = current_app.extensions["kiosk.settings_version"]()
    kept = current_app.extensions.get("kiosk.settings_values")
    if kept is None or kept[0] != version:
        from kiosk import db, prison_settings

        values = prison_settings.all_values(db.get_session(), kiosk_prison_id())
        kept = current_app.extensions["kiosk.settings_values"] = (version, values)
    return kept[1]
