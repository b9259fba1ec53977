"""Rendered pages that are the same for every reader, kept in memory.

Guidance pages and library lists depend only on their address, the content
(loaded once per process) and the settings staff change at run time (the
prison's offer). A page is kept under its address and the settings' version,
which is read from the database at most once a second, so a change made on the
staff listener, or by another process, shows within a second. Only views
without forms or visit data (no CSRF token, no "my list") use this.
"""

import threading
import time
from collections import OrderedDict
from functools import wraps

from flask import current_app, request

from kiosk.htmx import is_htmx

MAX_PAGES = 4000


class PageCache:
    """A bounded, thread-safe map from address to HTML; least used goes first."""

    def __init__(self, max_pages: int = MAX_PAGES):
        self.max_pages = max_pages
        self._pages: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        """Return the page for ``key``, or None."""
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key, page) -> None:
        """Keep ``page``; drop the least used page when full."""
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)


class SettingsVersion:
    """The settings' version, asked of ``read`` at most once per ``seconds``."""

    def __init__(self, read, seconds: float = 1.0):
        self._read = read
        self._seconds = seconds
        self._value = None
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def __call__(self):
        """Return the version, reading it again when the last read is too old."""
        now = time.monotonic()
        with self._lock:
            if now - self._read_at >= self._seconds:
                self._value = self._read()
                self._read_at = now
            return self._value


def init_app(app, read_version) -> None:
    """Keep pages per settings version, read through ``read_version()``."""
    seconds = app.config.get("SETTINGS_RECHECK_SECONDS", 1.0)
    app.extensions["kiosk.pages"] = PageCache()
    app.extensions["kiosk.settings_version"] = SettingsVersion(read_version, seconds)


def cached_render(render):
    """Return the page for this address, calling ``render()`` only the first time."""
    cache = current_app.extensions["kiosk.pages"]
    version = current_app.extensions["kiosk.settings_version"]()
    key = (version, request.path, request.query_string, is_htmx())
    page = cache.get(key)
    if page is None:
        page = render()
        if isinstance(page, str):
            cache.put(key, page)
    return page


def same_for_everyone(view):
    """Serve a view's page from the app's cache after it has been rendered once."""

    @wraps(view)
    def wrapper(**kwargs):
        return cached_render(lambda: view(**kwargs))

    return wrapper
