"""The kiosk's own CSS and JavaScript, sent minified (rcssmin, rjsmin).

The files in ``static/`` keep their comments for the people who read them; a
browser gets them without comments and indentation, which keeps a first visit
under 100 KB before compression. Vendored files (HTMX) are sent as they are.
"""

import hashlib
import io
import mimetypes
from functools import cache
from pathlib import Path

import rcssmin
import rjsmin
from flask import Flask, send_file
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


@cache
def minified(path: Path, _changed: int) -> tuple[bytes, str]:
    """Return the file minified and its ETag (``_changed`` renews the cache)."""
    text = path.read_text(encoding="utf-8")
    data = MINIFIERS[path.suffix](text).encode("utf-8")
    return data, hashlib.sha256(data).hexdigest()[:20]


class KioskFlask(Flask):
    """Flask, but the kiosk's own CSS and JS are sent minified."""

    def send_static_file(self, filename: str):
        """Send a static file; minify ours (not those under ``vendor/``)."""
        suffix = Path(filename).suffix
        if suffix not in MINIFIERS or filename.startswith("vendor/"):
            return super().send_static_file(filename)
        found = safe_join(self.static_folder, filename)
        if found is None or not Path(found).is_file():
            raise NotFound()
        path = Path(found)
        data, etag = minified(path, path.stat().st_mtime_ns)
        return send_file(
            io.BytesIO(data),
            mimetype=mimetypes.guess_type(filename)[0],
            etag=etag,
            conditional=True,
        )
