"""Headers that keep the kiosk closed: CSP, no caching of pages, no referrer."""

from urllib.parse import urlsplit, urlunsplit

from flask import request

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; media-src 'self'; connect-src 'self'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "clipboard-read",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)
STATIC_MAX_AGE = 365 * 24 * 3600
# Files whose URL changes when their content does: cached for a year.
IMMUTABLE_ENDPOINTS = frozenset(
    {"static", "listen.audio_file", "recordings.audio_file"}
)


CLOSED_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
}


def add_security_headers(response):
    """Set the closed-kiosk headers; static files get a long cache, pages none."""
    headers = response.headers
    headers.update(CLOSED_HEADERS)
    if request.endpoint in IMMUTABLE_ENDPOINTS and response.status_code in (200, 206):
        response.cache_control.no_cache = None  # send_file's default: revalidate
        response.cache_control.public = True
        response.cache_control.max_age = STATIC_MAX_AGE
        response.cache_control.immutable = True
    else:
        headers["Cache-Control"] = "no-store"
    if "Location" in headers:
        headers["Location"] = same_site_location(headers["Location"])
    return response


def same_site_location(location: str) -> str:
    """Return a redirect target as a path: never a host taken from the request.

    Routing's own redirects (``/nb`` to ``/nb/``) are built from the Host header;
    every redirect of the kiosk stays on the listener it came from.
    """
    parts = urlsplit(location)
    if not parts.scheme and not parts.netloc:
        return location
    path = "/" + parts.path.lstrip("/\\")  # never "//host": that leaves the site
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def init_app(app) -> None:
    """Add the headers to every response of ``app``."""
    app.after_request(add_security_headers)
