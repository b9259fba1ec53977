"""Rendered pages that are the same for every reader, kept in memory.

Guidance pages and library lists depend only on their address, the content
(loaded once per process) and the settings staff change at run time (the
prison's offer). Only views without forms or visit data (no CSRF token, no
"my list") use this.

A page is kept under the settings' version, its path and the parameters the
view reads, never the raw query string: ``?x=1`` and ``?x=2`` are one page. The
settings' version is read from the database at most once a second, so a change
made on the staff listener, or by another process, shows within a second. Pages
for typed searches have a cache of their own, so searches cannot push the
guidance pages out. Both are bounded in pages and in bytes, and pages are kept
as UTF-8 (half the memory of a Python string of Cyrillic or Arabic). New
read-aloud audio changes what pages show (the player, the audio marks), so it
empties the caches; a page rendered before such a clear is not kept.

Views note in the WSGI environ which cache a page came from and the token
they filled in, so ``kiosk.whole_answers`` can keep the whole answer for
visits without a cookie.
"""

import threading
import time
from collections import OrderedDict
from functools import wraps

from flask import current_app, g, request
from flask_wtf.csrf import generate_csrf

from kiosk.htmx import is_htmx

MAX_PAGES = 3000
MAX_BYTES = 40 * 1024 * 1024
MAX_SEARCH_PAGES = 300
MAX_SEARCH_BYTES = 6 * 1024 * 1024
# Whole answers (headers and body) for visits without a cookie (kept pages share
# their body with the page cache; forms and typed searches have their own).
MAX_WHOLE_PAGES = 600
MAX_WHOLE_BYTES = 4 * 1024 * 1024
MAX_WHOLE_SEARCH_PAGES = 100
MAX_WHOLE_SEARCH_BYTES = 1024 * 1024
# Set in the WSGI environ: the cache the page came from (by cached_render) and
# the visit's CSRF token filled into it (by cached_blank_form and cached_piece).
SHARED_FROM = "kiosk.shared_from"
VISIT_TOKEN = "kiosk.visit_token"
WHOLE = {  # the page cache a page came from: where its whole answer is kept
    "kiosk.pages": "kiosk.whole_pages",
    "kiosk.search_pages": "kiosk.whole_searches",
}
CACHES = (*WHOLE, *WHOLE.values())  # new read-aloud audio empties them all


class PageCache:
    """A bounded, thread-safe map from key to page; least used goes first."""

    def __init__(self, max_pages: int = MAX_PAGES, max_bytes: int = MAX_BYTES):
        self.max_pages, self.max_bytes = max_pages, max_bytes
        self.bytes = 0
        self._pages: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.generation = 0  # counts clears: a page rendered before one is not kept

    def __len__(self) -> int:
        return len(self._pages)

    def get(self, key) -> bytes | None:
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
            self.bytes = 0
            self.generation += 1

    def put(self, key, page: bytes, generation: int | None = None) -> None:
        """Keep ``page`` unless a clear came after its render; drop the least used."""
        if len(page) > self.max_bytes:
            return
        with self._lock:
            if generation is not None and generation != self.generation:
                return
            old = self._pages.pop(key, None)
            self.bytes += len(page) - (len(old) if old is not None else 0)
            self._pages[key] = page
            while len(self._pages) > self.max_pages or self.bytes > self.max_bytes:
                _key, dropped = self._pages.popitem(last=False)
                self.bytes -= len(dropped)


class SettingsVersion:
    """The settings' version, asked of ``read`` at most once per ``seconds``."""

    def __init__(self, read, seconds: float = 1.0):
        self._read = read
        self._seconds = seconds
        self._latest = (None, float("-inf"))  # the value, and when it was read
        self._lock = threading.Lock()

    def __call__(self):
        """Return the version, reading it again when the last read is too old."""
        now = time.monotonic()
        with self._lock:
            value, read_at = self._latest
            if now - read_at >= self._seconds:
                value = self._read()
                self._latest = (value, now)
            return value

    def fresh(self):
        """Return the version read less than ``seconds`` ago, or None (read it)."""
        value, read_at = self._latest
        return value if time.monotonic() - read_at < self._seconds else None


def init_app(app, read_version) -> None:
    """Keep pages per settings version, read through ``read_version()``."""
    seconds = app.config.get("SETTINGS_RECHECK_SECONDS", 1.0)
    app.extensions["kiosk.pages"] = PageCache()
    app.extensions["kiosk.search_pages"] = PageCache(MAX_SEARCH_PAGES, MAX_SEARCH_BYTES)
    app.extensions["kiosk.settings_version"] = SettingsVersion(read_version, seconds)
    app.extensions["kiosk.whole_pages"] = PageCache(MAX_WHOLE_PAGES, MAX_WHOLE_BYTES)
    app.extensions["kiosk.whole_searches"] = PageCache(
        MAX_WHOLE_SEARCH_PAGES, MAX_WHOLE_SEARCH_BYTES
    )


def cached_render(render, *used_parameters, typed: bool = False):
    """Return the page (UTF-8) for this path and parameters, rendering it once.

    ``used_parameters`` are the values the view took from the query string,
    already checked; ``typed`` says one of them is free text (a search). What
    ``render`` returns other than a page (a redirect) is passed on, not kept.
    """
    if g.get("fresh_render"):  # the read-aloud plan must see the page rendered
        rendered = render()
        return rendered.encode() if isinstance(rendered, str) else rendered
    name = "kiosk.search_pages" if typed else "kiosk.pages"
    request.environ[SHARED_FROM] = name
    cache = current_app.extensions[name]
    version = current_app.extensions["kiosk.settings_version"]()
    key = (version, request.path, is_htmx(), *used_parameters)
    page = cache.get(key)
    if page is None:
        generation = cache.generation
        rendered = render()
        if not isinstance(rendered, str):
            return rendered
        page = rendered.encode()
        cache.put(key, page, generation)
    return page


TOKEN_HOLE = "\x00csrf token\x00"  # never in a page: the token's place in a kept form


def cached_blank_form(render, *used_parameters):
    """Return a page whose form is blank (nothing typed), rendered once per language.

    Only the CSRF token differs from one visit to the next: the page is kept with
    a hole where the token stands, and each visit's own token fills it.
    """
    token = _visit_token()

    def render_with_hole():
        rendered = render()
        if isinstance(rendered, str):
            return rendered.replace(token, TOKEN_HOLE)
        return rendered

    page = cached_render(render_with_hole, *used_parameters)
    if isinstance(page, bytes):
        return page.replace(TOKEN_HOLE.encode(), token.encode())
    return page


def cached_piece(render, *state) -> bytes:
    """Return a piece of a page (a small form) for visits in the same ``state``.

    Like a blank form, the piece is kept once per language and state, with a
    hole where the CSRF token stands; each visit's own token fills it.
    """
    token = _visit_token()
    cache = current_app.extensions["kiosk.pages"]
    version = current_app.extensions["kiosk.settings_version"]()
    key = ("piece", version, getattr(g, "lang", ""), *state)
    piece = cache.get(key)
    if piece is None:
        generation = cache.generation
        piece = render().replace(token, TOKEN_HOLE).encode()
        cache.put(key, piece, generation)
    return piece.replace(TOKEN_HOLE.encode(), token.encode())


def _visit_token() -> str:
    """Return this visit's CSRF token, noted for kiosk.whole_answers."""
    token = generate_csrf()
    request.environ[VISIT_TOKEN] = token
    return token


def same_for_everyone(view):
    """Serve a view's page from the app's cache after it has been rendered once.

    The view reads nothing from the query string: any query string is ignored.
    """

    @wraps(view)
    def wrapper(**kwargs):
        return cached_render(lambda: view(**kwargs))

    return wrapper
