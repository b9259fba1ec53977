"""Views, one package per listener: ``inmate`` (kiosk) and ``staff``.

The loaded content lives on the app; views reach it through these getters, so
every key is spelt once.
"""

from flask import current_app

from kiosk.library.audio import AudioLibrary
from kiosk.library.documents import CareerLibrary
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


def audio_library() -> AudioLibrary:
    """The rendered read-aloud audio and the recordings, shared by both listeners."""
    return current_app.extensions["kiosk.audio"]
