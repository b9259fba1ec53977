"""Rendered pages that are the same for every reader, kept in memory.

Guidance pages and library lists depend only on their address: the content is
loaded once per process, so a page rendered once stays right until restart. Only
views without forms or visit data (no CSRF token, no "my list") use this.

A page is kept under its path and the parameters the view reads, never the raw
query string: ``?x=1`` and ``?x=2`` are one page. Pages for typed searches have
a cache of their own, so searches cannot push the guidance pages out. Both are
bounded in pages and in bytes, and pages are kept as UTF-8 (half the memory of a
Python string of Cyrillic or Arabic).
"""

import threading
from collections import OrderedDict
from functools import wraps

from flask import current_app, request

from kiosk.htmx import is_htmx

MAX_PAGES = 3000
MAX_BYTES = 40 * 1024 * 1024
MAX_SEARCH_PAGES = 300
MAX_SEARCH_BYTES = 6 * 1024 * 1024


class PageCache:
    """A bounded, thread-safe map from key to page; least used goes first."""

    def __init__(self, max_pages: int = MAX_PAGES, max_bytes: int = MAX_BYTES):
        self.max_pages, self.max_bytes = max_pages, max_bytes
        self.bytes = 0
        self._pages: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def get(self, key) -> bytes | None:
        """Return the page for ``key``, or None."""
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key, page: bytes) -> None:
        """Keep ``page``; drop the least used pages while over a bound."""
        if len(page) > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            self.bytes += len(page) - (len(old) if old is not None else 0)
            self._pages[key] = page
            while len(self._pages) > self.max_pages or self.bytes > self.max_bytes:
                _key, dropped = self._pages.popitem(last=False)
                self.bytes -= len(dropped)


def _cache(name: str) -> PageCache:
    caches = current_app.extensions
    if name not in caches:
        caches.setdefault(
            name,
            PageCache(MAX_SEARCH_PAGES, MAX_SEARCH_BYTES)
            if name == "kiosk.search_pages"
            else PageCache(),
        )
    return caches[name]


def cached_render(render, *used_parameters, typed: bool = False):
    """Return the page (UTF-8) for this path and parameters, rendering it once.

    ``used_parameters`` are the values the view took from the query string,
    already checked; ``typed`` says one of them is free text (a search). What
    ``render`` returns other than a page (a redirect) is passed on, not kept.
    """
    cache = _cache("kiosk.search_pages" if typed else "kiosk.pages")
    key = (request.path, is_htmx(), *used_parameters)
    page = cache.get(key)
    if page is None:
        rendered = render()
        if not isinstance(rendered, str):
            return rendered
        page = rendered.encode()
        cache.put(key, page)
    return page


def same_for_everyone(view):
    """Serve a view's page from the app's cache after it has been rendered once.

    The view reads nothing from the query string: any query string is ignored.
    """

    @wraps(view)
    def wrapper(**kwargs):
        return cached_render(lambda: view(**kwargs))

    return wrapper
