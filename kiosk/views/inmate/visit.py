"""What one visit at a terminal keeps in its session, gone at the idle reset.

The visit lives in the signed session cookie: "my list", the CSRF token and the
codes this visit was given. The terminal's script deletes the cookie at the idle
reset; the server forgets a visit on its own too, once it has been quiet for
longer than the terminal would have waited, so a terminal whose script failed
still forgets.
"""

from flask import current_app, session

from kiosk.clock import utc_now

MY_LIST_MAX = 5
SEEN_AT = "seen_at"
# kiosk.js tells the server "still here" at most this often while someone types.
STILL_HERE_SECONDS = 30
STAMP_EVERY_SECONDS = 5
CODE_KINDS = ("request_code", "signup_code")


def my_list() -> list[str]:
    """Return the occupations kept for this visit (gone at the idle reset)."""
    return [slug for slug in session.get("my_list", []) if isinstance(slug, str)]


def remember_code(kind: str, code: str) -> None:
    """Keep the code this visit was just given, to show it on its own page."""
    session[kind] = code


def remembered_code(kind: str) -> str | None:
    """Return the code this visit was given, or None (another visit, or reset)."""
    code = session.get(kind)
    return code if isinstance(code, str) else None


def quiet_limit_seconds() -> int:
    """Return how long a visit may be quiet before the server forgets it."""
    config = current_app.config
    return config["IDLE_SECONDS"] + config["IDLE_WARNING_SECONDS"] + STILL_HERE_SECONDS


def forget_quiet_visit() -> None:
    """Clear a session that was quiet for longer than the terminal waits."""
    if not session:
        return
    seen = session.get(SEEN_AT)
    quiet = utc_now().timestamp() - seen if isinstance(seen, int | float) else None
    if quiet is None or quiet > quiet_limit_seconds():
        session.clear()


def stamp_visit(response):
    """Note when a visit with something in its session was last heard from."""
    if session:
        now = utc_now().timestamp()
        seen = session.get(SEEN_AT)
        if not isinstance(seen, int | float) or now - seen >= STAMP_EVERY_SECONDS:
            session[SEEN_AT] = int(now)
    return response


def init_app(app) -> None:
    """Forget quiet visits before each kiosk request; stamp them after."""
    app.before_request(forget_quiet_visit)
    app.after_request(stamp_visit)
