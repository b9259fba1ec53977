"""Rendered pages that are the same for every reader, kept in memory.

Guidance pages and library lists depend only on their address: the content is
loaded once per process, so a page rendered once stays right until restart. Only
views without forms or visit data (no CSRF token, no "my list") use this.
"""

import threading
from collections import OrderedDict
from functools import wraps

from flask import current_app, g, request

from kiosk.htmx import is_htmx

MAX_PAGES = 4000


class PageCache:
    """A bounded, thread-safe map from address to HTML; least used goes first."""

    def __init__(self, max_pages: int = MAX_PAGES):
        self.max_pages = max_pages
        self._pages: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.generation = 0  # counts clears: a page rendered before one is not kept

    def get(self, key):
        """Return the page for ``key``, or None."""
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def clear(self) -> None:
        """Forget every page (new read-aloud audio changes what pages show)."""
        with self._lock:
            self._pages.clear()
            self.generation += 1

    def put(self, key, page, generation: int | None = None) -> None:
        """Keep ``page`` unless a clear came after its render; drop the least used."""
        with self._lock:
            if generation is not None and generation != self.generation:
                return
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)


def cached_render(render):
    """Return the page for this address, calling ``render()`` only the first time."""
    if g.get("fresh_render"):  # the read-aloud plan must see the page rendered
        return render()
    cache = current_app.extensions.setdefault("kiosk.pages", PageCache())
    key = (request.path, request.query_string, is_htmx())
    page = cache.get(key)
    if page is None:
        generation = cache.generation
        page = render()
        if isinstance(page, str):
            cache.put(key, page, generation)
    return page


def same_for_everyone(view):
    """Serve a view's page from the app's cache after it has been rendered once."""

    @wraps(view)
    def wrapper(**kwargs):
        return cached_render(lambda: view(**kwargs))

    return wrapper
