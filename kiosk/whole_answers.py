"""Whole answers for visits without a cookie: kept once, given without Flask.

A visit without a cookie has no session. A page the view took from the page
cache is then the same answer, headers and all, for every such visit, with
two exceptions a form brings: the visit's CSRF token in the page and the new
session cookie that holds it. ``WholePages`` keeps the answer Flask gave
(with a hole for each of the two when the page has a form) and gives it again
without entering Flask: most of a page's cost is Flask's own request handling
(README, "Figures"). A new visit's token and cookie are signed as Flask-WTF and
Flask sign them, with the app's own keys (``NewVisitSigner``); tests post a
form with them.

A visit with a cookie always takes the whole way: its session is read,
stamped or forgotten as usual. An answer is kept only when the visit asked
with GET and sent no cookie, the view took the page from the page cache
(``page_cache.SHARED_FROM``), the answer is a 200, and it sets either no
cookie or only a new session holding the token the page carries and when it
was seen. Of pages with a query string only typed searches are kept (the
library's filters are kept by the page cache; any other parameter is
ignored there, so ``?x=1``, ``?x=2``, ... must not fill this one). An answer
is kept under the settings' version, the path, the query string as sent and
the HTMX headers; when the version is more than its interval old the request
takes the whole way, which reads it again.
"""

import hashlib
import hmac
import json
import os
from typing import NamedTuple

from itsdangerous import BadSignature, URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode, int_to_bytes, want_bytes
from itsdangerous.signer import HMACAlgorithm

from kiosk.clock import utc_now
from kiosk.page_cache import SHARED_FROM, TOKEN_HOLE, VISIT_TOKEN, WHOLE
from kiosk.views.inmate.visit import SEEN_AT

COOKIE_HOLE = "\x00session\x00"  # never in a cookie: where a new visit's goes
TOKEN_HOLE_BYTES = TOKEN_HOLE.encode()
CSRF_FIELD = "csrf_token"  # Flask-WTF's session key (WTF_CSRF_FIELD_NAME)
CSRF_SALT = "wtf-csrf-token"  # the salt Flask-WTF signs its tokens with
NEW_VISIT_KEYS = {CSRF_FIELD, SEEN_AT}


class WholePage(NamedTuple):
    """One answer kept whole: status line, headers and body.

    ``new_visit`` says the body has a hole for a CSRF token and the headers a
    Set-Cookie with a hole for the session that holds it.
    """

    status: str
    headers: tuple
    body: bytes
    new_visit: bool = False

    def __len__(self) -> int:  # what the answer costs in memory, near enough
        return len(self.body) + sum(len(n) + len(v) for n, v in self.headers)


class NewVisitSigner:
    """Sign a value as ``serializer.dumps`` does, with the key derived once.

    itsdangerous derives the key again, and tries to compress the payload, on
    every call: 34 µs of a new visit's 45 (README, "Figures"). This signs the
    same way (payload, timestamp and HMAC, each in URL-safe base64) with the
    serializer's own signer and key, and leaves the payload uncompressed,
    which the serializer's ``loads`` reads as well. Tests load what it signs
    with the libraries' own serializers, so an upgrade that changes the format
    fails them.
    """

    def __init__(self, serializer: URLSafeTimedSerializer):
        signer = serializer.make_signer()
        if not isinstance(signer.algorithm, HMACAlgorithm):
            raise TypeError(f"not an HMAC signer: {signer.algorithm!r}")
        self._signer = signer
        self._key = signer.derive_key()
        self._sep = want_bytes(signer.sep)
        self._digest = signer.algorithm.digest_method

    def dumps(self, value) -> str:
        """Return ``value`` as compact JSON, signed with a timestamp."""
        payload = json.dumps(value, separators=(",", ":")).encode()
        timestamp = base64_encode(int_to_bytes(self._signer.get_timestamp()))
        signed = base64_encode(payload) + self._sep + timestamp
        mac = hmac.digest(self._key, signed, self._digest)
        return (signed + self._sep + base64_encode(mac)).decode()


class WholePages:
    """WSGI middleware: answer a visit without a cookie from a kept answer."""

    def __init__(self, app):
        self.app = app
        self.wsgi_app = app.wsgi_app
        self._token_signer = None
        self._new_visit_signers = None

    def __call__(self, environ, start_response):
        key = self._key(environ)
        if key is None:
            return self.wsgi_app(environ, start_response)
        for name in WHOLE.values():
            kept = self.app.extensions[name].get(key)
            if kept is not None:
                return self._give(kept, start_response)
        return self._answer_and_keep(key, environ, start_response)

    def _key(self, environ) -> tuple | None:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("HTTP_COOKIE"):
            return None
        version = self.app.extensions["kiosk.settings_version"].fresh()
        if version is None:
            return None
        return (
            version,
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_HX_REQUEST"),
            environ.get("HTTP_HX_BOOSTED"),
        )

    def _give(self, kept: WholePage, start_response):
        if not kept.new_visit:
            start_response(kept.status, list(kept.headers))
            return [kept.body]
        token, cookie = self._new_visit()
        body = kept.body.replace(TOKEN_HOLE_BYTES, token.encode())
        headers = []
        for name, value in kept.headers:
            if name == "Set-Cookie":
                value = value.replace(COOKIE_HOLE, cookie)
            elif name == "Content-Length":
                value = str(len(body))
            headers.append((name, value))
        start_response(kept.status, headers)
        return [body]

    def _new_visit(self) -> tuple[str, str]:
        """Return a new visit's signed CSRF token and its session cookie's value.

        As Flask-WTF's ``generate_csrf`` and Flask's ``save_session`` make them.
        """
        if self._new_visit_signers is None:
            self._new_visit_signers = (
                NewVisitSigner(self._tokens()),
                NewVisitSigner(self._sessions()),
            )
        tokens, sessions = self._new_visit_signers
        raw = hashlib.sha1(os.urandom(64)).hexdigest()  # noqa: S324 - as Flask-WTF
        session = {CSRF_FIELD: raw, SEEN_AT: int(utc_now().timestamp())}
        return tokens.dumps(raw), sessions.dumps(session)

    def _tokens(self) -> URLSafeTimedSerializer:
        if self._token_signer is None:
            config = self.app.config
            secret = config.get("WTF_CSRF_SECRET_KEY") or self.app.secret_key
            self._token_signer = URLSafeTimedSerializer(secret, salt=CSRF_SALT)
        return self._token_signer

    def _sessions(self):
        return self.app.session_interface.get_signing_serializer(self.app)

    def _answer_and_keep(self, key, environ, start_response):
        extensions = self.app.extensions
        generations = {name: extensions[name].generation for name in WHOLE.values()}
        answer = []

        def note_status(status, headers, exc_info=None):
            answer[:] = [status, headers]
            return start_response(status, headers, exc_info)

        body = self.wsgi_app(environ, note_status)
        shared_from = environ.get(SHARED_FROM)
        if shared_from is None or not answer or not answer[0].startswith("200 "):
            return body
        if environ.get("QUERY_STRING") and shared_from != "kiosk.search_pages":
            return body  # unknown parameters must not push kept pages out
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        page = self._keepable(*answer, content, environ.get(VISIT_TOKEN))
        if page is not None:
            whole = WHOLE[shared_from]
            extensions[whole].put(key, page, generations[whole])
        return [content]

    def _keepable(self, status, headers, content, token) -> WholePage | None:
        """Return the answer as kept, holes made; None if it is not the same
        for every new visit (a cookie other than a new visit's session)."""
        cookies = [v for n, v in headers if n.lower() == "set-cookie"]
        if not cookies:
            return WholePage(status, tuple(headers), content)
        if token is None or len(cookies) != 1 or token.encode() not in content:
            return None
        value = self._new_session_value(cookies[0], token)
        if value is None:
            return None
        kept = tuple(
            (n, v.replace(value, COOKIE_HOLE) if n.lower() == "set-cookie" else v)
            for n, v in headers
        )
        body = content.replace(token.encode(), TOKEN_HOLE_BYTES)
        return WholePage(status, kept, body, new_visit=True)

    def _new_session_value(self, cookie: str, token: str) -> str | None:
        """Return the cookie's value if it is a new visit's session holding
        ``token`` and when it was seen, and nothing that would go stale."""
        first, _, attributes = cookie.partition(";")
        name, _, value = first.partition("=")
        lowered = attributes.lower()
        if name != self.app.config["SESSION_COOKIE_NAME"] or not value:
            return None
        if "expires" in lowered or "max-age" in lowered:
            return None
        try:
            session = self._sessions().loads(value)
            raw = self._tokens().loads(token)
        except BadSignature:
            return None
        if set(session) != NEW_VISIT_KEYS or session[CSRF_FIELD] != raw:
            return None
        return value


def serve_whole_pages(app) -> None:
    """Answer visits without a cookie from kept answers (the kiosk listener)."""
    app.wsgi_app = WholePages(app)
